package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/internal/snapcache"
	"github.com/netverify/netverify/model"
)

// The snapshot cache (README, "The snapshot cache"): --no-cache or
// NETVERIFY_NO_CACHE=1 turns it off, NETVERIFY_CACHE_DIR moves it,
// NETVERIFY_CACHE_TRACE=1 says on stderr whether each load hit it.
const (
	envNoCache    = "NETVERIFY_NO_CACHE"
	envCacheDir   = "NETVERIFY_CACHE_DIR"
	envCacheTrace = "NETVERIFY_CACHE_TRACE"
)

func bindNoCache(root *cobra.Command) {
	root.PersistentFlags().Bool("no-cache", false, "read the inputs afresh: neither use nor write the snapshot cache (also NETVERIFY_NO_CACHE=1)")
}

// loadCached is load.All through the snapshot cache, unless it is turned off.
func loadCached(cmd *cobra.Command, sources []string, opts load.Options) (*model.Snapshot, model.Diagnostics, error) {
	all := func() (*model.Snapshot, model.Diagnostics, error) { return load.All(sources, opts) }
	c := snapshotCache(cmd)
	if c == nil {
		snap, diags, err := all()
		if snap != nil {
			snapcache.Canonical(snap) // what a cached load gives, so answers never depend on the cache
		}
		return snap, diags, err
	}
	in := snapcache.Inputs{Sources: sources, Format: opts.Format, Params: opts.Params, Build: snapcache.BuildID(currentVersion())}
	snap, diags, _, err := c.Load(in, all)
	return snap, diags, err
}

// snapshotCache is the cache the command uses, or nil when it is turned off
// or there is no cache directory.
func snapshotCache(cmd *cobra.Command) *snapcache.Cache {
	if fl := cmd.Flag("no-cache"); fl != nil && fl.Value.String() == "true" {
		return nil
	}
	if v := os.Getenv(envNoCache); v != "" && v != "0" && v != "false" {
		return nil
	}
	dir := os.Getenv(envCacheDir)
	if dir == "" {
		d, err := snapcache.DefaultDir()
		if err != nil {
			return nil
		}
		dir = d
	}
	c := &snapcache.Cache{Dir: dir}
	if v := os.Getenv(envCacheTrace); v != "" && v != "0" {
		c.Trace = cmd.ErrOrStderr()
	}
	return c
}
