package platform

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckVersionAcceptsOpenGL21AndNewer(t *testing.T) {
	for _, v := range []string{"2.1", "2.1 Mesa 22.3.6", "3.3.0 NVIDIA 551.23", "4.6.0 - Build 31.0.101.4502", "10.0"} {
		if err := checkVersion(v); err != nil {
			t.Errorf("%q refused: %v", v, err)
		}
	}
}

func TestCheckVersionRefusesOlderThan21(t *testing.T) {
	// 1.1.0 is what Windows' own GDI renderer reports in a remote desktop
	// session or a VM without 3-D drivers.
	for _, v := range []string{"1.1.0", "2.0", "1.4 (Compatibility Profile) Mesa 22.3.6"} {
		err := checkVersion(v)
		var ge *GraphicsError
		if !errors.As(err, &ge) {
			t.Fatalf("%q accepted", v)
		}
		msg := err.Error()
		for _, want := range []string{"OpenGL 2.1", "fundet: OpenGL " + v, "fjernskrivebord", "grafikdriver", "IT"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%q: message lacks %q:\n%s", v, want, msg)
			}
		}
	}
}

func TestCheckVersionLeavesUnreadableVersionsToFyne(t *testing.T) {
	for _, v := range []string{"", "OpenGL ES", "x.y", "4"} {
		if err := checkVersion(v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

func TestNoContextAtAllSaysSo(t *testing.T) {
	msg := (&GraphicsError{}).Error()
	if !strings.Contains(msg, "fundet: ingen OpenGL") {
		t.Fatal(msg)
	}
}
