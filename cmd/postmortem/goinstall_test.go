package main

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const modulePath = "github.com/postmortem-cli/postmortem"

// A `go install module@version` build has no -ldflags; it must still say
// which version it is (from debug.ReadBuildInfo). The module is not
// published, so this serves the checkout from a file-based GOPROXY at a
// made-up version, installs it offline (dependencies come from the module
// cache's download directory, itself a valid proxy) and runs --version.
// About 10 s with a warm build cache; skipped with -short.
func TestGoInstallReportsModuleVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the module with go install; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	realModCache := goEnv(t, goBin, "GOMODCACHE")

	const version = "v0.9.1"
	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	writeModuleToProxy(t, proxy, repo, version)

	env := append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(filepath.Join(realModCache, "cache", "download")),
		"GOSUMDB=off", // our made-up version has no checksum anywhere; deps are checked against go.sum
		"GONOSUMDB="+modulePath,
		"GOPRIVATE=",
		"GOFLAGS=-modcacherw -trimpath",              // -trimpath lets the build cache be shared with the real module cache
		"GOMODCACHE="+filepath.Join(tmp, "modcache"), // never put a fake version in the real cache
		"GOBIN="+filepath.Join(tmp, "bin"),
		"GOTOOLCHAIN=local",
		"CGO_ENABLED=0",
	)
	start := time.Now()
	cmd := exec.Command(goBin, "install", modulePath+"/cmd/postmortem@"+version)
	cmd.Dir = tmp
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install %s@%s: %v\n%s", modulePath, version, err, out)
	}
	t.Logf("go install took %s", time.Since(start).Round(time.Millisecond))

	bin := filepath.Join(tmp, "bin", "postmortem")
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("%s --version: %v", bin, err)
	}
	if got, want := strings.TrimSpace(string(out)), "postmortem "+version; got != want {
		t.Errorf("--version = %q, want %q", got, want)
	}
}

func goEnv(t *testing.T, goBin, name string) string {
	t.Helper()
	out, err := exec.Command(goBin, "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// writeModuleToProxy lays out the GOPROXY protocol's files for one version:
// list, .info, .mod and the module zip (paths prefixed module@version/).
func writeModuleToProxy(t *testing.T, proxy, repo, version string) {
	t.Helper()
	dir := filepath.Join(proxy, filepath.FromSlash(modulePath), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"list":            []byte(version + "\n"),
		version + ".info": []byte(`{"Version":"` + version + `","Time":"2024-12-05T00:00:00Z"}`),
		version + ".mod":  gomod,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	prefix := modulePath + "@" + version + "/"
	err = filepath.WalkDir(repo, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repo, path)
		if d.IsDir() {
			// What a module zip leaves out: VCS and tool folders, build
			// output, testdata (not needed to build) and nested modules.
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "dist" || d.Name() == "dist-assets" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			if rel != "." {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		w, err := zw.Create(prefix + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
