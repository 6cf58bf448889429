package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"mentorbog/data"
)

// Environment variables for scripts that must log in without a prompt.
const (
	EnvUser     = "MENTORBOG_USER"
	EnvPassword = "MENTORBOG_PASSWORD"
)

// authenticate logs a command in, from the environment or by asking. The
// password is never echoed; a script without a terminal must use the
// environment variables.
func authenticate(ctx context.Context, env Env, st data.AuthStore) (data.User, error) {
	need, err := st.SetupNeeded(ctx)
	if err != nil {
		return data.User{}, err
	}
	if need {
		return data.User{}, errors.New("databasen har ingen brugere endnu: start Mentorbog og opret administratoren først")
	}
	username, password := env.getenv(EnvUser), env.getenv(EnvPassword)
	in := bufio.NewReader(env.stdin())
	if username == "" {
		if username, err = ask(env, in, "Brugernavn: "); err != nil {
			return data.User{}, err
		}
	}
	if password == "" {
		if password, err = askSecret(env, in, "Adgangskode: "); err != nil {
			return data.User{}, err
		}
	}
	return st.Login(ctx, username, password)
}

func ask(env Env, in *bufio.Reader, prompt string) (string, error) {
	fmt.Fprint(env.Stderr, prompt)
	line, err := in.ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("intet svar på %q: sæt %s og %s for at logge ind uden spørgsmål", strings.TrimSpace(prompt), EnvUser, EnvPassword)
	}
	return strings.TrimSpace(line), nil
}

// askSecret reads a password without echo when stdin is a terminal.
func askSecret(env Env, in *bufio.Reader, prompt string) (string, error) {
	if f, ok := env.stdin().(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(env.Stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", fmt.Errorf("læs adgangskode: %w", err)
		}
		return string(b), nil
	}
	return ask(env, in, prompt)
}

func (e Env) getenv(key string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(key)
}

func (e Env) stdin() io.Reader {
	if e.Stdin == nil {
		return strings.NewReader("")
	}
	return e.Stdin
}

// requireAdministrator logs an administrator in for commands that handle
// the whole database (backup, restore). A database without users yet has
// nobody to ask and nothing encrypted, so it needs no login.
func requireAdministrator(ctx context.Context, env Env, st data.AuthStore) (data.User, error) {
	need, err := st.SetupNeeded(ctx)
	if err != nil || need {
		return data.User{}, err
	}
	u, err := authenticate(ctx, env, st)
	if err != nil {
		return u, err
	}
	if u.Role != data.RoleAdministrator {
		st.Lock()
		return u, errors.New("kun en administrator må tage og gendanne sikkerhedskopier")
	}
	return u, nil
}
