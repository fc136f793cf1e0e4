package awsapi

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// scope is one account and region being read: its clients' config, the
// files it fills and the goroutines reading it.
type scope struct {
	imp             *importer
	ctx             context.Context
	account, region string
	cfg             aws.Config
	home            bool // reads the account's global resources (Route 53, Direct Connect gateways)
	files           *fileSet
	wg              sync.WaitGroup
}

// spawn runs f in its own goroutine; requests stay bounded by the importer's semaphore.
func (s *scope) spawn(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

func (s *scope) newCall(target string) *Call {
	return &Call{Account: s.account, Region: s.region, Target: target}
}

// request sends one request of c while holding a slot of the concurrency bound.
func (s *scope) request(c *Call, f func(ctx context.Context) error) error {
	select {
	case s.imp.sem <- struct{}{}:
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
	defer func() { <-s.imp.sem }()
	c.Pages++
	return f(context.WithValue(s.ctx, callKey{}, c))
}

func (s *scope) done(c *Call, start time.Time, n int, err error) {
	c.Items = n
	c.finish(start, err)
	s.imp.record(c)
}

// pages drains one SDK paginator and joins the items of its pages.
func pages[O, Opt, T any](s *scope, target string, more func() bool, next func(context.Context, ...func(*Opt)) (O, error), items func(O) []T) ([]T, bool) {
	c, start := s.newCall(target), time.Now()
	all := []T{}
	var err error
	for err == nil && more() {
		err = s.request(c, func(ctx context.Context) error {
			out, err := next(ctx)
			if err == nil {
				all = append(all, items(out)...)
			}
			return err
		})
	}
	s.done(c, start, len(all), err)
	return all, err == nil
}

// tokens drains an operation paginated by NextToken (or Marker) for which
// the SDK has no paginator. A token seen twice ends the loop.
func tokens[T any](s *scope, target string, page func(ctx context.Context, token *string) ([]T, *string, error)) ([]T, bool) {
	c, start := s.newCall(target), time.Now()
	all, seen := []T{}, map[string]bool{}
	var token *string
	var err error
	for {
		err = s.request(c, func(ctx context.Context) error {
			items, next, err := page(ctx, token)
			all, token = append(all, items...), next
			return err
		})
		if err != nil || token == nil || *token == "" || seen[*token] {
			break
		}
		seen[*token] = true
	}
	s.done(c, start, len(all), err)
	return all, err == nil
}

// single sends one unpaginated request; count says how many items it returned.
func single[O any](s *scope, target string, f func(context.Context) (O, error), count func(O) int) (O, bool) {
	c, start := s.newCall(target), time.Now()
	var out O
	err := s.request(c, func(ctx context.Context) error {
		var err error
		out, err = f(ctx)
		return err
	})
	n := 0
	if err == nil {
		n = count(out)
	}
	s.done(c, start, n, err)
	return out, err == nil
}

// list drains a paginator into the file whose member holds the items.
func list[O, Opt, T any](s *scope, file string, more func() bool, next func(context.Context, ...func(*Opt)) (O, error), items func(O) []T) ([]T, bool) {
	all, ok := pages(s, "", more, next, items)
	if ok {
		s.files.list(file, all, len(all))
	}
	return all, ok
}

// listTokens is list for operations without an SDK paginator.
func listTokens[T any](s *scope, file string, page func(ctx context.Context, token *string) ([]T, *string, error)) ([]T, bool) {
	all, ok := tokens(s, "", page)
	if ok {
		s.files.list(file, all, len(all))
	}
	return all, ok
}

// listOnce is list for unpaginated operations.
func listOnce[O, T any](s *scope, file string, f func(context.Context) (O, error), items func(O) []T) ([]T, bool) {
	out, ok := single(s, "", f, func(o O) int { return len(items(o)) })
	if !ok {
		return nil, false
	}
	all := items(out)
	s.files.list(file, all, len(all))
	return all, true
}

// forEach runs child for every ID in its own goroutine, after making sure the
// wrapper files exist (so an account without, say, route tables still has an
// empty TransitGatewayStaticRoutes.json).
func forEach(s *scope, ids []string, wrapperFiles []string, child func(id string)) {
	for _, f := range wrapperFiles {
		s.files.ensure(f)
	}
	for _, id := range ids {
		s.spawn(func() { child(id) })
	}
}

// ids maps items to their IDs, skipping empty ones.
func ids[T any](items []T, id func(T) *string) []string {
	var out []string
	for _, it := range items {
		if p := id(it); p != nil && *p != "" {
			out = append(out, *p)
		}
	}
	return out
}
