package cfn

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
)

// samState collects what the SAM transform needs across resources: the
// paths and methods of each REST API (for resource policies) and each API's Auth.
type samState struct {
	paths map[string]*apiPaths // REST API ID -> paths in the order SAM adds them
	auth  map[string]*samAPIInfo
}

type apiPaths struct {
	order   []string
	methods map[string][]string
}

type samAPIInfo struct {
	r      *resource
	stage  string
	policy *Value // Auth.ResourcePolicy, evaluated
	auth   props  // Auth: DefaultAuthorizer, Authorizers, ApiKeyRequired
}

func (a *apiPaths) add(path, method string) {
	if a.methods[path] == nil {
		a.order = append(a.order, path)
	}
	for _, m := range a.methods[path] {
		if m == method {
			return
		}
	}
	a.methods[path] = append(a.methods[path], method)
}

// samPrepare applies Globals and creates the implicit APIs that Api and
// HttpApi events without an explicit API imply (ServerlessRestApi, ServerlessHttpApi).
func (imp *importer) samPrepare() {
	imp.sam = &samState{paths: map[string]*apiPaths{}, auth: map[string]*samAPIInfo{}}
	globals := imp.root.Get("Globals")
	for _, r := range imp.resources {
		switch r.Type {
		case "AWS::Serverless::Function":
			mergeGlobals(r.Raw, globals.Get("Function"))
		case "AWS::Serverless::Api":
			mergeGlobals(r.Raw, globals.Get("Api"))
		case "AWS::Serverless::HttpApi":
			mergeGlobals(r.Raw, globals.Get("HttpApi"))
		}
	}
	var needREST, needHTTP *resource
	for _, r := range imp.resources {
		if r.Type != "AWS::Serverless::Function" {
			continue
		}
		for _, ev := range eventsOf(r.Raw) {
			switch t := ev.Get("Type"); {
			case t == nil:
			case t.Str == "Api" && ev.Get("Properties").Get("RestApiId") == nil && needREST == nil:
				needREST = r
			case t.Str == "HttpApi" && ev.Get("Properties").Get("ApiId") == nil && needHTTP == nil:
				needHTTP = r
			}
		}
	}
	if needREST != nil && imp.byLogical["ServerlessRestApi"] == nil {
		imp.implicitAPI("ServerlessRestApi", "AWS::Serverless::Api", "Prod", needREST, globals.Get("Api"))
	}
	if needHTTP != nil && imp.byLogical["ServerlessHttpApi"] == nil {
		imp.implicitAPI("ServerlessHttpApi", "AWS::Serverless::HttpApi", "$default", needHTTP, globals.Get("HttpApi"))
	}
}

func (imp *importer) implicitAPI(logical, typ, stage string, from *resource, global *Value) {
	raw := NewMap().at(from.Line, from.Col)
	raw.Set("StageName", Str(stage))
	mergeGlobals(raw, global)
	r := &resource{Logical: logical, Type: typ, Raw: raw, Def: NewMap(), Line: from.Line, Col: from.Col, stack: from.stack,
		region: from.region, account: from.account, implicit: true}
	imp.add(r)
}

// mergeGlobals copies global properties the resource does not set; mappings merge one level deep, as SAM does.
func mergeGlobals(dst, global *Value) {
	if global == nil || global.Kind != KMap || dst == nil || dst.Kind != KMap {
		return
	}
	for _, k := range global.Keys {
		g := global.Map[k]
		cur, ok := dst.Map[k]
		switch {
		case !ok:
			dst.Set(k, g)
		case cur.Kind == KMap && g.Kind == KMap:
			for _, gk := range g.Keys {
				if _, has := cur.Map[gk]; !has {
					cur.Set(gk, g.Map[gk])
				}
			}
		}
	}
}

func eventsOf(raw *Value) []*Value {
	evs := raw.Get("Events")
	if evs == nil || evs.Kind != KMap {
		return nil
	}
	out := make([]*Value, 0, len(evs.Keys))
	for _, k := range evs.Keys {
		out = append(out, evs.Map[k])
	}
	return out
}

// samAPI expands AWS::Serverless::Api into a REST API with its stage.
func samAPI(imp *importer, r *resource, p props) {
	a := &model.RestAPI{Meta: p.meta(r.physicalID()), APIName: p.str("Name"), DisableExecuteAPIEndpoint: p.boolean("DisableExecuteApiEndpoint", false)}
	if a.APIName == "" {
		a.APIName = r.stack
	}
	switch ec := p.get("EndpointConfiguration"); {
	case ec == nil:
		a.EndpointTypes = []string{"EDGE"}
	case ec.Kind == KString:
		a.EndpointTypes = []string{strings.ToUpper(ec.Str)}
	default:
		ep := p.sub(ec)
		a.EndpointTypes = []string{strings.ToUpper(defaultStr(ep.str("Type"), "EDGE"))}
		a.VPCEndpointIDs = ep.strs("VPCEndpointIds")
	}
	stage := p.str("StageName")
	a.Stages = appendStage(a.Stages, model.Stage{Name: stage, DeploymentID: "dep-" + r.alnum("deployment", 6, false)})
	if r.implicit {
		a.Assume("implicit API that SAM creates for the function's Api events")
	}
	info := &samAPIInfo{r: r, stage: stage, auth: p.sub(p.get("Auth"))}
	if pol := info.auth.get("ResourcePolicy"); pol != nil {
		info.policy = pol
	}
	a.Authorizers = samRESTAuthorizers(info.auth)
	a.APIKeySource = strings.ToUpper(p.str("ApiKeySourceType"))
	a.Stages[len(a.Stages)-1].Variables = p.strMap("Variables")
	imp.sam.auth[a.ID] = info
	imp.snap.RestAPIs = append(imp.snap.RestAPIs, a)
	imp.register(r, a)
}

// samHTTPAPI expands AWS::Serverless::HttpApi (always Regional, R9.1).
func samHTTPAPI(imp *importer, r *resource, p props) {
	a := &model.HTTPAPI{Meta: p.meta(r.physicalID()), ProtocolType: "HTTP", APIName: defaultStr(p.str("Name"), r.stack),
		DisableExecuteAPIEndpoint: p.boolean("DisableExecuteApiEndpoint", false)}
	a.Endpoint = "https://" + a.ID + ".execute-api." + r.region + ".amazonaws.com"
	a.Stages = appendStage(a.Stages, model.Stage{Name: defaultStr(p.str("StageName"), "$default"), Variables: p.strMap("StageVariables")})
	info := &samAPIInfo{r: r, auth: p.sub(p.get("Auth"))}
	a.Authorizers = samHTTPAuthorizers(info.auth)
	imp.sam.auth[a.ID] = info
	if r.implicit {
		a.Assume("implicit HTTP API that SAM creates for the function's HttpApi events")
	}
	imp.snap.HTTPAPIs = append(imp.snap.HTTPAPIs, a)
	imp.register(r, a)
}

// samFunction expands AWS::Serverless::Function into a Lambda function and
// wires its Api and HttpApi events as Lambda proxy integrations.
func samFunction(imp *importer, r *resource, p props) {
	lambdaFunction(imp, r, p)
	f, ok := imp.objects[r.Logical].(*model.LambdaFunction)
	if !ok {
		return
	}
	// With AutoPublishAlias the events invoke the alias, and SAM's
	// permissions belong to it (R11.6).
	alias := p.str("AutoPublishAlias")
	fnARN := f.ARN
	if alias != "" {
		fnARN += ":" + alias
	}
	uri := fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations", r.region, fnARN)
	evs := p.get("Events")
	if evs == nil || evs.Kind != KMap {
		return
	}
	for _, name := range evs.Keys {
		ev := p.sub(evs.Map[name])
		ep := ev.sub(ev.get("Properties"))
		var apiID, method, path string
		switch ev.str("Type") {
		case "Api":
			apiID, method, path = imp.samRESTEvent(r, ep, name, uri)
		case "HttpApi":
			apiID, method, path = imp.samHTTPEvent(r, ep, name, uri)
		}
		if apiID != "" {
			f.AddPermission(alias, model.Permission{Sid: r.Logical + name + "Permission", Principal: "apigateway.amazonaws.com",
				Action: "lambda:InvokeFunction", SourceARN: samSourceARN(r, apiID, method, path)})
		}
	}
}

// samRESTEvent adds the event's method to its REST API and returns the API,
// method and path of the permission SAM creates for it ("" when none).
func (imp *importer) samRESTEvent(r *resource, ep props, event, uri string) (string, string, string) {
	apiID := ep.str("RestApiId")
	if !ep.has("RestApiId") {
		impl := imp.byLogical["ServerlessRestApi"]
		if impl == nil {
			imp.ds.Warnf(ep.src(ep.get("RestApiId")), r.Logical, "function %s event %s: no RestApiId and no implicit ServerlessRestApi (is the template missing `Transform: AWS::Serverless-2016-10-31`?); the route is not applied", r.Logical, event)
			return "", "", ""
		}
		apiID = impl.physicalID()
	}
	a, ok := lookup[*model.RestAPI](imp, apiID)
	if !ok {
		imp.ds.Warnf(ep.src(ep.get("RestApiId")), r.Logical, "function %s event %s: REST API %q is not defined in this template; the route is not applied", r.Logical, event, apiID)
		return "", "", ""
	}
	method, path := strings.ToUpper(ep.str("Method")), ep.str("Path")
	in := model.Integration{ID: r.Logical + "." + event, Type: "AWS_PROXY", URI: uri, Method: method, Path: path}
	in.Authorization, in.AuthorizerID, in.APIKeyRequired = imp.samRESTAuth(a.ID, ep)
	a.Integrations = append(a.Integrations, in)
	a.MethodsListed = true
	ps := imp.sam.paths[a.ID]
	if ps == nil {
		ps = &apiPaths{methods: map[string][]string{}}
		imp.sam.paths[a.ID] = ps
	}
	ps.add(path, method)
	return a.ID, method, path
}

// samHTTPEvent adds the event's route to its HTTP API, like samRESTEvent.
func (imp *importer) samHTTPEvent(r *resource, ep props, event, uri string) (string, string, string) {
	apiID := ep.str("ApiId")
	if !ep.has("ApiId") {
		impl := imp.byLogical["ServerlessHttpApi"]
		if impl == nil {
			imp.ds.Warnf(ep.src(ep.get("ApiId")), r.Logical, "function %s event %s: no ApiId and no implicit ServerlessHttpApi (is the template missing `Transform: AWS::Serverless-2016-10-31`?); the route is not applied", r.Logical, event)
			return "", "", ""
		}
		apiID = impl.physicalID()
	}
	a, ok := lookup[*model.HTTPAPI](imp, apiID)
	if !ok {
		imp.ds.Warnf(ep.src(ep.get("ApiId")), r.Logical, "function %s event %s: HTTP API %q is not defined in this template; the route is not applied", r.Logical, event, apiID)
		return "", "", ""
	}
	key, method, path := "$default", "*", "/*"
	if p := ep.str("Path"); p != "" {
		method, path = strings.ToUpper(defaultStr(ep.str("Method"), "ANY")), p
		key = method + " " + path
	}
	in := model.Integration{ID: r.Logical + "." + event, Type: "AWS_PROXY", URI: uri}
	a.Integrations = append(a.Integrations, in)
	rt := model.HTTPRoute{Key: key, Integration: in.ID}
	rt.Authorization, rt.AuthorizerID = imp.samHTTPAuth(a.ID, ep)
	a.Routes = append(a.Routes, rt)
	return a.ID, method, path
}

// samFinish writes the resource policies SAM generates from Auth.ResourcePolicy.
func (imp *importer) samFinish() {
	for _, a := range imp.snap.RestAPIs {
		info := imp.sam.auth[a.ID]
		if info == nil || info.policy == nil {
			continue
		}
		paths := imp.sam.paths[a.ID]
		if paths == nil {
			paths = &apiPaths{methods: map[string][]string{}}
		}
		doc, unknown := samResourcePolicy(info.policy, paths, info.stage)
		if unknown != "" {
			imp.ds.Warnf(imp.srcOf(info.r), info.r.Logical, "API %s: its resource policy refers to an unknown value (%s); calls that depend on it cannot be decided", info.r.Logical, unknown)
		}
		a.Policy = doc
	}
}

// statement is one policy statement in SAM's key order.
type statement = *Value

// samResourcePolicy builds the x-amazon-apigateway-policy document exactly as
// SAM's SwaggerEditor.add_resource_policy does: for each path, the account
// allow/deny lists, the IP allow/deny lists and the VPC/VPCE deny and allow
// lists, each as an Allow plus a conditional Deny; custom statements last.
func samResourcePolicy(rp *Value, paths *apiPaths, stage string) (string, string) {
	var stmts []statement
	add := func(s statement) {
		for _, x := range stmts {
			if x.String() == s.String() {
				return
			}
		}
		stmts = append(stmts, s)
	}
	for _, path := range paths.order {
		res := resourceList(path, paths.methods[path], stage)
		if l := listOf(rp.Get("AwsAccountWhitelist")); l != nil {
			stmts = append(stmts, iamStatement("Allow", res, l))
		}
		if l := listOf(rp.Get("AwsAccountBlacklist")); l != nil {
			stmts = append(stmts, iamStatement("Deny", res, l))
		}
		if l := listOf(rp.Get("IpRangeWhitelist")); l != nil {
			add(allowStatement(res))
			add(denyStatement(res, "NotIpAddress", condition("aws:SourceIp", l)))
		}
		if l := listOf(rp.Get("IpRangeBlacklist")); l != nil {
			add(allowStatement(res))
			add(denyStatement(res, "IpAddress", condition("aws:SourceIp", l)))
		}
		for _, kind := range []struct{ list, vpc, vpce, cond string }{
			{"SourceVpcBlacklist", "IntrinsicVpcBlacklist", "IntrinsicVpceBlacklist", "StringEquals"},
			{"SourceVpcWhitelist", "IntrinsicVpcWhitelist", "IntrinsicVpceWhitelist", "StringNotEquals"},
		} {
			if c := vpcCondition(rp, kind.list, kind.vpc, kind.vpce); c != nil {
				add(allowStatement(res))
				add(denyStatement(res, kind.cond, c))
			}
		}
	}
	if cs := rp.Get("CustomStatements"); cs != nil {
		for _, s := range listOf(cs).List {
			add(s)
		}
	}
	doc := NewMap()
	doc.Set("Version", Str("2012-10-17"))
	doc.Set("Statement", List(stmts...))
	b, _ := json.Marshal(toAny(doc))
	return string(b), doc.FirstUnknown()
}

func listOf(v *Value) *Value {
	switch {
	case v == nil || v.Kind == KNull:
		return nil
	case v.Kind == KList:
		return v
	}
	return List(v)
}

// resourceList is SAM's _get_method_path_uri_list: execute-api:/<stage>/<METHOD><path>, ANY as *.
func resourceList(path string, methods []string, stage string) *Value {
	if len(path) > 1 {
		path = strings.TrimRight(path, "/")
	}
	out := List()
	for _, m := range methods {
		if strings.EqualFold(m, "any") || strings.EqualFold(m, "x-amazon-apigateway-any-method") {
			m = "*"
		}
		out.List = append(out.List, Str("execute-api:/"+stage+"/"+strings.ToUpper(m)+path))
	}
	return out
}

func baseStatement(effect string, res *Value) statement {
	s := NewMap()
	s.Set("Effect", Str(effect))
	s.Set("Action", Str("execute-api:Invoke"))
	s.Set("Resource", res)
	return s
}

func allowStatement(res *Value) statement {
	s := baseStatement("Allow", res)
	s.Set("Principal", Str("*"))
	return s
}

func denyStatement(res *Value, op string, cond *Value) statement {
	s := baseStatement("Deny", res)
	s.Set("Principal", Str("*"))
	c := NewMap()
	c.Set(op, cond)
	s.Set("Condition", c)
	return s
}

func iamStatement(effect string, res, accounts *Value) statement {
	s := baseStatement(effect, res)
	pr := NewMap()
	pr.Set("AWS", accounts)
	s.Set("Principal", pr)
	return s
}

func condition(key string, v *Value) *Value {
	c := NewMap()
	c.Set(key, v)
	return c
}

// vpcCondition merges SAM's string list (split by vpc-/vpce- prefix) and the intrinsic lists.
func vpcCondition(rp *Value, strList, vpcList, vpceList string) *Value {
	vpcs, vpces := List(), List()
	if l := listOf(rp.Get(strList)); l != nil {
		for _, x := range l.List {
			switch {
			case strings.HasPrefix(x.Str, "vpce-"):
				vpces.List = append(vpces.List, x)
			case strings.HasPrefix(x.Str, "vpc-"):
				vpcs.List = append(vpcs.List, x)
			}
		}
	}
	if l := listOf(rp.Get(vpcList)); l != nil {
		vpcs.List = append(vpcs.List, l.List...)
	}
	if l := listOf(rp.Get(vpceList)); l != nil {
		vpces.List = append(vpces.List, l.List...)
	}
	if len(vpcs.List) == 0 && len(vpces.List) == 0 {
		return nil
	}
	c := NewMap()
	if len(vpcs.List) > 0 {
		c.Set("aws:SourceVpc", vpcs)
	}
	if len(vpces.List) > 0 {
		c.Set("aws:SourceVpce", vpces)
	}
	return c
}
