package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/site"
)

type siteFlags struct {
	output string
	title  string
	force  bool
	serve  bool
	port   int
	sel    selection
}

func newSiteCmd(env *Env) *cobra.Command {
	var fl siteFlags
	cmd := &cobra.Command{
		Use:   "site [PATH...] -o DIR | site [PATH...] --serve",
		Short: "Build a static HTML site of every postmortem: search, filters, related incidents, trends",
		Long: `Build a static site of the postmortems (YAML, JSON and Markdown) under the
paths (default: the paths of the nearest .postmortem.yaml, else the current
folder) into DIR:

  index.html           every incident, newest first, with search and filters
                       by service, severity, contributing factor and year
  incidents/NAME.html  one page per postmortem: metadata, contributing
                       factors, impact, metrics, the timeline in UTC, the
                       report's sections, action items, the incidents it
                       lists under related and the ones most like it
  actions.html         the overdue action items, oldest due date first
  trends.html          incidents per month, time to resolve per quarter (as a
                       distribution), top contributing factors and services,
                       as SVG charts with their numbers in tables

The site loads nothing from outside itself (no CDN, web fonts or external
scripts; a Content-Security-Policy says so), works from file:// and from any
static host, and reads without JavaScript; search and filters need it.

DIR is created when missing. A folder that holds other files is refused
unless it is a site built before (it has a .postmortem-site file, which
lists the files of the last build: those are replaced, stale ones removed,
nothing else touched) or --force is given. --serve builds into DIR (or a
temporary folder) and serves it on http://127.0.0.1:PORT until interrupted.

Exit codes: 0 built; 2 bad usage, a folder that is not a site, no
postmortems; 3 a file could not be read or written.`,
		Example: `  postmortem site postmortems/ -o public/
  postmortem site -o public/ --title "Payments team incidents"
  postmortem site --serve --port 8080`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSite(env, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.output, "output", "o", "", "write the site into `DIR`")
	f.StringVar(&fl.title, "title", "Postmortems", "the site's `TITLE`")
	f.BoolVar(&fl.force, "force", false, "write into a folder that holds other files (they are kept)")
	f.BoolVar(&fl.serve, "serve", false, "serve the site on 127.0.0.1 after building it, until interrupted")
	f.IntVar(&fl.port, "port", 8000, "with --serve, the `PORT` to listen on (0: any free port)")
	fl.sel.flags(cmd)
	return cmd
}

func runSite(env *Env, fl siteFlags, args []string) error {
	if fl.output == "" && !fl.serve {
		return usageErrorf("site: -o DIR is required (or --serve to look at it)")
	}
	if fl.port < 0 || fl.port > 65535 {
		return usageErrorf("--port %d: expected 0 to 65535", fl.port)
	}
	set, err := loadPostmortems(env, args, fl.sel)
	if err != nil {
		return err
	}
	if len(set.Incidents) == 0 {
		printFailures(env.Err, set.Failed)
		return set.exit()
	}
	out := fl.output
	if out == "" {
		tmp, err := os.MkdirTemp("", "postmortem-site-")
		if err != nil {
			return withCode(ExitInternal, err)
		}
		defer os.RemoveAll(tmp)
		out = tmp
	}
	if err := notInside(out, set); err != nil {
		return err
	}
	dir, err := site.OpenDir(out, fl.force)
	if err != nil {
		if errors.Is(err, site.ErrNotSite) {
			return usageErrorf("%v", err)
		}
		return withCode(ExitInternal, err)
	}
	incs := make([]site.Incident, len(set.Incidents))
	for i, in := range set.Incidents {
		incs[i] = site.Incident{File: displayPath(in.File), Doc: in.Doc, R: in.R}
	}
	res, err := site.Build(incs, site.Options{Title: fl.title, Today: env.Now().UTC(), Vocabulary: set.Words}, dir)
	if err == nil {
		err = dir.Finish()
	}
	if err != nil {
		return withCode(ExitInternal, err)
	}
	printFailures(env.Err, set.Failed)
	fmt.Fprintf(env.Err, "built %d pages for %s in %s\n", len(res.Files)-2, plural(res.Incidents, "postmortem"), out)
	if fl.output != "" {
		fmt.Fprintln(env.Out, filepath.Join(out, "index.html"))
	}
	if err := set.exit(); err != nil {
		return err
	}
	if !fl.serve {
		return nil
	}
	// Ctrl-C or a polite kill stops the server, and the temporary folder
	// goes with it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveSite(ctx, out, fl.port, env.Err)
}

// notInside refuses an output folder that holds the postmortems read:
// the site must never be written over its own sources.
func notInside(out string, set *postmortemSet) error {
	abs := discover.NewAbs()
	o := abs.Or(out)
	for _, in := range set.Incidents {
		if rel, err := filepath.Rel(o, abs.Or(in.File)); err == nil && filepath.IsLocal(rel) {
			return usageErrorf("-o %s holds the postmortem %s; write the site to a folder of its own", out, in.File)
		}
	}
	return nil
}

// serveSite serves dir on 127.0.0.1:port until ctx ends. It never binds
// another address: the site is for a quick look on this machine.
func serveSite(ctx context.Context, dir string, port int, log io.Writer) error {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return usageErrorf("--serve: %v (try another --port)", err)
	}
	files := http.FileServer(http.Dir(dir))
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'none'")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			files.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	fmt.Fprintf(log, "serving %s on http://%s/ (Ctrl-C to stop)\n", dir, ln.Addr())
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return withCode(ExitInternal, err)
	}
	return nil
}
