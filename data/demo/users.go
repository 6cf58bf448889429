package demo

import (
	"context"
	"fmt"

	"mentorbog/data"
)

// User is a documented demo login (README and `mentorbog demo` list them).
// The passwords are public: a demo database holds only fictional people.
type User struct {
	Username    string
	Password    string
	DisplayName string
	Role        data.UserRole
}

// Users are the demo logins, one per role.
func Users() []User {
	return []User{
		{"admin", "demo-administrator", "Anne Andersen", data.RoleAdministrator},
		{"koordinator", "demo-koordinator", "Kim Kristensen", data.RoleCoordinator},
		{"mentor", "demo-mentor-1234", "", data.RoleMentor}, // named after the mentor it is linked to
	}
}

// Secure creates the demo administrator on a new, empty database and logs
// in, so the demo data is encrypted from the first row. It returns the
// recovery key.
func Secure(ctx context.Context, st data.Store) (string, error) {
	admin := Users()[0]
	recovery, err := st.Setup(ctx, data.User{Username: admin.Username, DisplayName: admin.DisplayName}, admin.Password)
	if err != nil {
		return "", fmt.Errorf("demo: create administrator: %w", err)
	}
	return recovery, nil
}

// AddUsers creates the coordinator and the mentor login after Generate;
// the mentor login belongs to the active mentor with the most open courses.
func AddUsers(ctx context.Context, st data.Store) error {
	mentor, err := busiestMentor(ctx, st)
	if err != nil {
		return err
	}
	for _, du := range Users()[1:] {
		u := data.User{Username: du.Username, DisplayName: du.DisplayName, Role: du.Role}
		if du.Role == data.RoleMentor {
			u.MentorID, u.DisplayName = mentor.ID, mentor.Name
		}
		if err := st.SaveUser(ctx, &u, du.Password); err != nil {
			return fmt.Errorf("demo: create user %s: %w", du.Username, err)
		}
	}
	return nil
}

func busiestMentor(ctx context.Context, st data.Store) (data.Mentor, error) {
	mentors, err := st.Mentors(ctx, false)
	if err != nil {
		return data.Mentor{}, fmt.Errorf("demo: list mentors: %w", err)
	}
	var best data.Mentor
	most := -1
	for _, m := range mentors {
		courses, err := st.Courses(ctx, data.CourseFilter{MentorID: m.ID, Statuses: []data.CourseStatus{data.CourseActive, data.CourseRetention}})
		if err != nil {
			return data.Mentor{}, fmt.Errorf("demo: list courses: %w", err)
		}
		if len(courses) > most {
			best, most = m, len(courses)
		}
	}
	if most < 0 {
		return data.Mentor{}, fmt.Errorf("demo: no active mentor")
	}
	return best, nil
}
