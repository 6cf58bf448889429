package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"mentorbog/data"
)

func TestAdministratorSetsTheIdleLockMinutes(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionSettings)
	s := m.screens[SectionSettings].(*settingsScreen)
	if !s.idleCard.Visible() || s.idle.entry.Text != "15" {
		t.Fatalf("idle card visible %v, minutes %q", s.idleCard.Visible(), s.idle.entry.Text)
	}
	s.idle.entry.SetText("")
	test.Type(s.idle.entry, "90")
	s.saveIdleLock()
	if s.idle.msg.Text == "" || s.idle.entry.Text != "90" {
		t.Errorf("90 minutes: message %q, typed text %q", s.idle.msg.Text, s.idle.entry.Text)
	}
	if v, _ := st.Setting(ctx, IdleLockSetting); v != "" {
		t.Errorf("an invalid value was stored: %q", v)
	}
	s.root.(*container.Scroll).ScrollToBottom()
	capture(t, m, "settings-idle-invalid")
	s.idle.entry.SetText("")
	test.Type(s.idle.entry, "5")
	s.saveIdleLock()
	if v, _ := st.Setting(ctx, IdleLockSetting); v != "5" || s.idle.msg.Text != "" {
		t.Errorf("stored %q, message %q", v, s.idle.msg.Text)
	}
	if got := IdleLockTimeout(ctx, st); got.Minutes() != 5 {
		t.Errorf("timeout %v", got)
	}

	u := data.User{Username: "kim", Role: data.RoleCoordinator}
	must(t, st.SaveUser(ctx, &u, "kims lange kode"))
	st.Lock()
	_, err := st.Login(ctx, "kim", "kims lange kode")
	must(t, err)
	m = newWindow(t, st)
	m.ShowSection(SectionSettings)
	if m.screens[SectionSettings].(*settingsScreen).idleCard.Visible() {
		t.Error("a coordinator sees the idle-lock setting")
	}
}
