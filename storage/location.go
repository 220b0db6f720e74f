package storage

import (
	"os"
	"path/filepath"
	"strings"
)

// LocationWarning says why path is a risky place for a working database, "" when it is not:
// the message of CheckLocation's error (the front ends word what to do instead from its Code).
func LocationWarning(path string) string {
	if err := CheckLocation(path); err != nil {
		return err.Error()
	}
	return ""
}

// CheckLocation returns an error (CodeInCloudFolder or CodeOnNetworkDrive, with the Service)
// when path is a risky place for a working database, nil when it is not: on a network
// filesystem (NFS, SMB/CIFS, sshfs and other network FUSE mounts, AFS, 9p...) SQLite's locks
// are unreliable; inside a cloud-sync folder (Dropbox, OneDrive, iCloud Drive, Google Drive,
// Syncthing, Nextcloud, ownCloud...) the file is copied mid-write and separated from its -wal
// journal. Both corrupt databases. The file itself need not exist yet; nothing is written.
func CheckLocation(path string) *Error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	named := syncFolderName(dir)
	for { // the nearest folder that exists
		if _, err := os.Stat(dir); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	service := named
	if service == "" {
		service = syncMarker(dir)
	}
	if service != "" {
		return &Error{Kind: KindUsage, Code: CodeInCloudFolder, Path: abs, Facts: Facts{Service: service},
			Msg: abs + " is inside a " + service + " folder. Sync services copy a database while it is being written and " +
				"separate it from its -wal journal, which corrupts it. Keep your working database outside synced folders (the default " +
				"location is fine) and put only shared copies there."}
	}
	if fs := networkFS(dir); fs != "" {
		return &Error{Kind: KindUsage, Code: CodeOnNetworkDrive, Path: abs, Facts: Facts{Service: fs},
			Msg: abs + " is on a network drive (" + fs + "). SQLite cannot lock a database reliably over a network, so another " +
				"computer or a dropped connection can corrupt it. Keep your working database on this computer's own disk (the default " +
				"location is fine) and share a copy instead."}
	}
	return nil
}

// syncFolderName names the sync service whose folder holds dir, from the folder names the
// services use.
func syncFolderName(dir string) string {
	slash := filepath.ToSlash(dir)
	if strings.Contains(strings.ToLower(slash), "/library/cloudstorage/") {
		return "cloud storage (macOS File Provider)"
	}
	for _, part := range strings.Split(slash, "/") {
		p := strings.ToLower(part)
		switch {
		case p == "dropbox" || strings.HasPrefix(p, "dropbox ("):
			return "Dropbox"
		case p == "onedrive" || strings.HasPrefix(p, "onedrive - ") || strings.HasPrefix(p, "onedrive-"):
			return "OneDrive"
		case p == "icloud drive" || p == "icloud~drive" || p == "mobile documents" || p == "com~apple~clouddocs" || p == "icloud":
			return "iCloud Drive"
		case p == "google drive" || p == "googledrive" || strings.HasPrefix(p, "googledrive-") || p == "my drive":
			return "Google Drive"
		case p == "nextcloud":
			return "Nextcloud"
		case p == "owncloud":
			return "ownCloud"
		case p == "pcloud drive" || p == "pclouddrive":
			return "pCloud"
		case p == "box sync" || p == "box drive":
			return "Box"
		case p == "megasync" || p == "mega":
			return "MEGA"
		case p == "syncthing":
			return "Syncthing"
		case p == "resilio sync":
			return "Resilio Sync"
		}
	}
	return ""
}

// syncMarker names the sync service whose folder holds dir, from the marker files the services
// leave at the top of a synced folder.
func syncMarker(dir string) string {
	for d := dir; ; {
		for _, m := range []struct{ name, service string }{
			{".stfolder", "Syncthing"},
			{".dropbox", "Dropbox"},
			{".dropbox.cache", "Dropbox"},
			{".owncloudsync.log", "Nextcloud/ownCloud"},
			{".sync", "Resilio Sync"},
		} {
			if _, err := os.Lstat(filepath.Join(d, m.name)); err == nil {
				return m.service
			}
		}
		for _, pattern := range []string{".sync_*.db", "._sync_*.db"} {
			if ms, _ := filepath.Glob(filepath.Join(d, pattern)); len(ms) > 0 {
				return "Nextcloud/ownCloud"
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
