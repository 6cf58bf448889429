// Package platform holds what Mentorbog needs from the operating system
// outside Fyne: on Windows a check for OpenGL 2.1 before the first window
// (with a native message box when it is missing), and the console of the
// program that started Mentorbog.exe, so command output is visible in
// cmd.exe and PowerShell. On other systems these do nothing.
package platform

import (
	"fmt"
	"strconv"
	"strings"
)

// Fyne draws with OpenGL 2.1 or newer.
const (
	requiredMajor = 2
	requiredMinor = 1
)

// GraphicsError says that the PC cannot draw Mentorbog's window. Its text
// is meant for the user and for the IT person they pass it on to.
type GraphicsError struct {
	// Found is the OpenGL version the driver reported, "" when no OpenGL
	// context could be made at all.
	Found string
}

func (e *GraphicsError) Error() string {
	found := "ingen OpenGL"
	if e.Found != "" {
		found = "OpenGL " + e.Found
	}
	return fmt.Sprintf(`Mentorbog kan ikke starte, fordi grafikken på denne pc ikke understøtter OpenGL 2.1 (fundet: %s).

Det sker typisk i en fjernskrivebordssession (Remote Desktop) eller i en virtuel maskine uden 3D-grafik.

Bed jeres IT-ansvarlige om at gøre ét af følgende:
• installere den nyeste grafikdriver fra producenten (Intel, AMD eller NVIDIA),
• slå 3D-acceleration til for den virtuelle maskine,
• tillade hardwaregrafik i fjernskrivebordssessioner (gruppepolitikken "Brug hardwaregrafikkortet til alle fjernskrivebordstjenester-sessioner"), eller
• lægge Mesa3D's opengl32.dll (softwaregrafik) i Mentorbog-mappen.

Dataene er ikke berørt.`, found)
}

// checkVersion turns the GL_VERSION string of a driver into an error when it
// is older than 2.1. The string starts with "major.minor" and may go on with
// a release number and vendor text ("4.6.0 NVIDIA 551.23", "1.1.0",
// "2.1 Mesa 22.3.6").
func checkVersion(glVersion string) error {
	major, minor, ok := parseGLVersion(glVersion)
	if !ok {
		// A driver that answers nonsense is not ours to judge; Fyne will
		// report a real failure itself.
		return nil
	}
	if major > requiredMajor || (major == requiredMajor && minor >= requiredMinor) {
		return nil
	}
	return &GraphicsError{Found: strings.TrimSpace(glVersion)}
}

// parseGLVersion reads major and minor from the start of a GL_VERSION string.
func parseGLVersion(s string) (major, minor int, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return 0, 0, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || major < 0 || minor < 0 {
		return 0, 0, false
	}
	return major, minor, true
}
