package awsapi

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const policyPath = "../../docs/iam-policy.json"

// sdkClient is one SDK service package: its import path, service ID and client type.
type sdkClient struct {
	path, id string
	client   reflect.Type
}

var sdkClients = []sdkClient{
	{"github.com/aws/aws-sdk-go-v2/service/ec2", ec2.ServiceID, reflect.TypeOf(&ec2.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2", elb.ServiceID, reflect.TypeOf(&elb.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/directconnect", directconnect.ServiceID, reflect.TypeOf(&directconnect.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/route53", route53.ServiceID, reflect.TypeOf(&route53.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/route53resolver", route53resolver.ServiceID, reflect.TypeOf(&route53resolver.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/apigateway", apigateway.ServiceID, reflect.TypeOf(&apigateway.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/apigatewayv2", apigatewayv2.ServiceID, reflect.TypeOf(&apigatewayv2.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/lambda", lambda.ServiceID, reflect.TypeOf(&lambda.Client{})},
	{"github.com/aws/aws-sdk-go-v2/service/sts", sts.ServiceID, reflect.TypeOf(&sts.Client{})},
}

// operations returns the API operations of a client: methods shaped
// Op(ctx, *OpInput, ...func(*Options)) (*OpOutput, error).
func operations(client reflect.Type) map[string]bool {
	ops := map[string]bool{}
	for i := range client.NumMethod() {
		m := client.Method(i)
		if m.Type.NumIn() == 4 && m.Type.NumOut() == 2 && m.Type.In(2).Kind() == reflect.Pointer &&
			m.Type.In(2).Elem().Name() == m.Name+"Input" {
			ops[m.Name] = true
		}
	}
	return ops
}

var paginatorRE = regexp.MustCompile(`^New(\w+)Paginator$`)

// use is one operation found in the source, with the actions it may need
// (more than one when several clients have a method of that name).
type use struct {
	op      string
	where   string
	actions []string
}

// calledOperations parses this package's non-test sources and returns every
// SDK operation they call: client methods (by name, against every client's
// method set) and paginator constructors (by package).
func calledOperations(t *testing.T) []use {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	var uses []use
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		pkgs := importNames(file)
		ast.Inspect(file, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if u, ok := operationUse(sel, pkgs); ok {
					u.where = fset.Position(sel.Pos()).String()
					uses = append(uses, u)
				}
			}
			return true
		})
	}
	return uses
}

func importNames(file *ast.File) map[string]string {
	names := map[string]string{}
	for _, im := range file.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := filepath.Base(p)
		if im.Name != nil {
			name = im.Name.Name
		}
		names[name] = p
	}
	return names
}

func operationUse(sel *ast.SelectorExpr, pkgs map[string]string) (use, bool) {
	name := sel.Sel.Name
	if x, ok := sel.X.(*ast.Ident); ok && pkgs[x.Name] != "" {
		m := paginatorRE.FindStringSubmatch(name)
		for _, c := range sdkClients {
			if m != nil && c.path == pkgs[x.Name] && operations(c.client)[m[1]] {
				return use{op: m[1], actions: []string{IAMAction(c.id, m[1])}}, true
			}
		}
		return use{}, false
	}
	u := use{op: name}
	for _, c := range sdkClients {
		if operations(c.client)[name] {
			u.actions = append(u.actions, IAMAction(c.id, name))
		}
	}
	return u, len(u.actions) > 0
}

func policyActions(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(policyPath)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Version   string
		Statement []struct {
			Effect   string
			Action   []string
			Resource any
		}
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%s: %v", policyPath, err)
	}
	acts := map[string]bool{}
	for _, s := range p.Statement {
		if s.Effect != "Allow" {
			t.Errorf("%s: statement with Effect %q; the policy only allows", policyPath, s.Effect)
		}
		for _, a := range s.Action {
			acts[a] = true
		}
	}
	return acts
}

var readOnlyOp = regexp.MustCompile(`^(Describe|List|Get|Search)[A-Z]`)

// readOnlyAction reports whether an IAM action only reads.
func readOnlyAction(a string) bool {
	_, name, _ := strings.Cut(a, ":")
	return a == "apigateway:GET" || readOnlyOp.MatchString(name)
}

// The policy lists exactly the actions of the operations in the source, and
// every one of them only reads.
func TestIAMPolicyListsExactlyTheCalledOperations(t *testing.T) {
	policy := policyActions(t)
	uses := calledOperations(t)
	if len(uses) < 40 {
		t.Fatalf("found only %d operation uses in the source; the parser is broken", len(uses))
	}
	needed := map[string]bool{}
	for _, u := range uses {
		if !readOnlyOp.MatchString(u.op) {
			t.Errorf("%s: %s is not a Describe/List/Get/Search operation", u.where, u.op)
		}
		found := false
		for _, a := range u.actions {
			found = found || policy[a]
			if policy[a] {
				needed[a] = true
			}
		}
		if !found {
			t.Errorf("%s: %s needs %s, which %s does not list", u.where, u.op, strings.Join(u.actions, " or "), policyPath)
		}
	}
	var extra []string
	for a := range policy {
		if !readOnlyAction(a) {
			t.Errorf("%s lists %s, which is not read-only", policyPath, a)
		}
		if !needed[a] {
			extra = append(extra, a)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("%s lists actions the importer never calls: %v", policyPath, extra)
	}
}

// Every call the importer made against the emulator is in the policy
// (checked from the manifest, which records what the SDK really sent).
func checkManifestActions(t *testing.T, m *Manifest) {
	t.Helper()
	policy := policyActions(t)
	for _, c := range m.Calls {
		if !policy[c.Action] {
			t.Errorf("manifest: %s %s (%s) is not in %s", c.Service, c.Operation, c.Action, policyPath)
		}
	}
}
