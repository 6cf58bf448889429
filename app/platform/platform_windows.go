//go:build windows

package platform

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"unsafe"
)

var (
	user32    = syscall.NewLazyDLL("user32.dll")
	gdi32     = syscall.NewLazyDLL("gdi32.dll")
	opengl32  = syscall.NewLazyDLL("opengl32.dll")
	kernel32  = syscall.NewLazyDLL("kernel32.dll")
	procMsgBx = user32.NewProc("MessageBoxW")

	procCreateWindowEx = user32.NewProc("CreateWindowExW")
	procDestroyWindow  = user32.NewProc("DestroyWindow")
	procGetDC          = user32.NewProc("GetDC")
	procReleaseDC      = user32.NewProc("ReleaseDC")

	procChoosePixelFormat = gdi32.NewProc("ChoosePixelFormat")
	procSetPixelFormat    = gdi32.NewProc("SetPixelFormat")

	procWglCreateContext = opengl32.NewProc("wglCreateContext")
	procWglMakeCurrent   = opengl32.NewProc("wglMakeCurrent")
	procWglDeleteContext = opengl32.NewProc("wglDeleteContext")
	procGlGetString      = opengl32.NewProc("glGetString")

	shell32           = syscall.NewLazyDLL("shell32.dll")
	procShellExecute  = shell32.NewProc("ShellExecuteW")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procFreeConsole   = kernel32.NewProc("FreeConsole")
)

const (
	mbOK          = 0x0000
	mbIconError   = 0x0010
	mbSetForegrnd = 0x10000

	wsPopup = 0x80000000

	pfdDrawToWindow  = 0x04
	pfdSupportOpenGL = 0x20
	pfdDoubleBuffer  = 0x01
	pfdTypeRGBA      = 0
	glVersion        = 0x1F02

	attachParentProcess = ^uintptr(0) // (DWORD)-1

	swShowNormal = 1
)

// pixelFormatDescriptor is PIXELFORMATDESCRIPTOR (40 bytes).
type pixelFormatDescriptor struct {
	Size, Version                                  uint16
	Flags                                          uint32
	PixelType, ColorBits                           uint8
	RedBits, RedShift, GreenBits, GreenShift       uint8
	BlueBits, BlueShift, AlphaBits, AlphaShift     uint8
	AccumBits, AccumRed, AccumGreen, AccumBlue     uint8
	AccumAlpha, DepthBits, StencilBits, AuxBuffers uint8
	LayerType, Reserved                            uint8
	LayerMask, VisibleMask, DamageMask             uint32
}

// CheckGraphics makes a legacy OpenGL context on a hidden window and reads
// its version, as GLFW will moments later. Without 3-D drivers Windows falls
// back to its GDI renderer, which reports 1.1; then Fyne could not draw and
// would exit with an English technical message. It returns a
// *GraphicsError in that case, and nil when OpenGL is fine or the check
// itself could not run (Fyne then reports what it finds).
func CheckGraphics() error {
	runtime.LockOSThread() // a GL context belongs to a thread
	defer runtime.UnlockOSThread()

	if opengl32.Load() != nil {
		return &GraphicsError{}
	}
	class, _ := syscall.UTF16PtrFromString("STATIC")
	hwnd, _, _ := procCreateWindowEx.Call(0, uintptr(unsafe.Pointer(class)), 0, wsPopup,
		0, 0, 1, 1, 0, 0, 0, 0)
	if hwnd == 0 {
		return nil
	}
	defer procDestroyWindow.Call(hwnd)
	hdc, _, _ := procGetDC.Call(hwnd)
	if hdc == 0 {
		return nil
	}
	defer procReleaseDC.Call(hwnd, hdc)

	pfd := pixelFormatDescriptor{
		Size: uint16(unsafe.Sizeof(pixelFormatDescriptor{})), Version: 1,
		Flags:     pfdDrawToWindow | pfdSupportOpenGL | pfdDoubleBuffer,
		PixelType: pfdTypeRGBA, ColorBits: 32, DepthBits: 24, StencilBits: 8,
	}
	format, _, _ := procChoosePixelFormat.Call(hdc, uintptr(unsafe.Pointer(&pfd)))
	if format == 0 {
		return &GraphicsError{}
	}
	if ok, _, _ := procSetPixelFormat.Call(hdc, format, uintptr(unsafe.Pointer(&pfd))); ok == 0 {
		return &GraphicsError{}
	}
	ctx, _, _ := procWglCreateContext.Call(hdc)
	if ctx == 0 {
		return &GraphicsError{}
	}
	defer procWglDeleteContext.Call(ctx)
	if ok, _, _ := procWglMakeCurrent.Call(hdc, ctx); ok == 0 {
		return &GraphicsError{}
	}
	defer procWglMakeCurrent.Call(0, 0)
	version, _, _ := procGlGetString.Call(glVersion)
	if version == 0 {
		return &GraphicsError{}
	}
	// The string belongs to the driver and lives as long as the context.
	return checkVersion(cString(*(*unsafe.Pointer)(unsafe.Pointer(&version))))
}

// cString copies a NUL-terminated C string (at most 256 bytes).
func cString(p unsafe.Pointer) string {
	var b []byte
	for i := 0; i < 256; i++ {
		c := *(*byte)(unsafe.Add(p, i))
		if c == 0 {
			break
		}
		b = append(b, c)
	}
	return string(b)
}

// ShowError shows a native Windows message box: it works without OpenGL,
// and a GUI program has no console to print to. It also prints the message,
// for mentorbog-cli.exe and logs.
func ShowError(title, message string) {
	os.Stderr.WriteString(title + ": " + message + "\n")
	t, _ := syscall.UTF16PtrFromString(title)
	m, _ := syscall.UTF16PtrFromString(message)
	procMsgBx.Call(0, uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)),
		mbOK|mbIconError|mbSetForegrnd)
}

// AttachConsole connects Mentorbog.exe, a GUI program that Windows starts
// without a console, to the console of cmd.exe or PowerShell that started
// it, so `Mentorbog.exe version` prints there. Handles that were redirected
// (to a file or a pipe) are left as they are. mentorbog-cli.exe, a console
// program, already has its console and is the one to use in scripts: cmd.exe
// waits for it and sees its exit code.
//
// The returned function lets go of the console again; call it before the
// window opens, or closing the cmd.exe window would end Mentorbog with it.
func AttachConsole() (detach func()) {
	if validHandle(syscall.STD_OUTPUT_HANDLE) && validHandle(syscall.STD_ERROR_HANDLE) {
		return func() {}
	}
	if ok, _, _ := procAttachConsole.Call(attachParentProcess); ok == 0 {
		return func() {} // started from Explorer or a shortcut: no console to attach to
	}
	detach = func() { procFreeConsole.Call() }
	out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return detach
	}
	if !validHandle(syscall.STD_OUTPUT_HANDLE) {
		os.Stdout = out
	}
	if !validHandle(syscall.STD_ERROR_HANDLE) {
		os.Stderr = out
	}
	if !validHandle(syscall.STD_INPUT_HANDLE) {
		if in, err := os.OpenFile("CONIN$", os.O_RDWR, 0); err == nil {
			os.Stdin = in
		}
	}
	return detach
}

// validHandle says whether the standard handle leads somewhere.
func validHandle(which int) bool {
	h, err := syscall.GetStdHandle(which)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	_, err = syscall.GetFileType(h)
	return err == nil
}

// OpenFile opens path in the program Windows associates with it (a PDF in
// the user's PDF viewer, for printing). ShellExecuteW takes the path as
// UTF-16, so C:\Users\Søren Ø\Documents\... works as it is; no command
// line is built, so nothing in the path is interpreted.
func OpenFile(path string) error {
	verb, _ := syscall.UTF16PtrFromString("open")
	file, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	r, _, _ := procShellExecute.Call(0, uintptr(unsafe.Pointer(verb)), uintptr(unsafe.Pointer(file)), 0, 0, swShowNormal)
	if r <= 32 { // ShellExecute returns an error code up to 32
		return fmt.Errorf("open %s: %w", path, shellExecuteError(r))
	}
	return nil
}

// shellExecuteError explains ShellExecute's small error codes.
func shellExecuteError(code uintptr) error {
	switch code {
	case 2, 3:
		return errors.New("filen findes ikke")
	case 5:
		return errors.New("adgang nægtet")
	case 31:
		return errors.New("der er ikke noget program til at åbne denne filtype")
	}
	return fmt.Errorf("ShellExecute fejlkode %d", code)
}
