//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachConsole lets a command typed in a console print there. The Windows build is a GUI
// program (-H windowsgui), so that no console window opens beside the app; such a program has
// no console of its own, but may attach to the one of the console it was started from. Streams
// redirected to a file or a pipe are left as they are.
func attachConsole() {
	const attachParentProcess = ^uint32(0) // ATTACH_PARENT_PROCESS
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if proc.Find() != nil {
		return
	}
	if ok, _, _ := proc.Call(uintptr(attachParentProcess)); ok == 0 {
		return // started from Explorer, or the console is gone: nothing to attach to
	}
	for _, s := range []struct {
		std    **os.File
		handle uint32
		name   string
	}{
		{&os.Stdout, windows.STD_OUTPUT_HANDLE, "CONOUT$"},
		{&os.Stderr, windows.STD_ERROR_HANDLE, "CONOUT$"},
		{&os.Stdin, windows.STD_INPUT_HANDLE, "CONIN$"},
	} {
		if h, err := windows.GetStdHandle(s.handle); err == nil && h != 0 && h != windows.InvalidHandle {
			continue // redirected: keep it
		}
		flag := os.O_WRONLY
		if s.name == "CONIN$" {
			flag = os.O_RDONLY
		}
		if f, err := os.OpenFile(s.name, flag, 0); err == nil {
			*s.std = f
		}
	}
}
