package cfn

import (
	"strings"

	"github.com/netverify/netverify/model"
)

// functionURL records an AWS::Lambda::Url on its function (R11.7):
// TargetFunctionArn names the function (or a qualified ARN), AuthType is
// NONE or AWS_IAM.
func functionURL(imp *importer, r *resource, p props) {
	ref := p.str("TargetFunctionArn")
	name, qual := ref, p.str("Qualifier")
	if i := strings.Index(name, ":function:"); i >= 0 {
		name = name[i+len(":function:"):]
	}
	if n, q, ok := strings.Cut(name, ":"); ok {
		name = n
		if qual == "" {
			qual = q
		}
	}
	f, ok := lookup[*model.LambdaFunction](imp, name)
	if !ok {
		f, ok = target[*model.LambdaFunction](p, "TargetFunctionArn", "Lambda function")
		if !ok {
			return
		}
	}
	f.URLs = append(f.URLs, model.FunctionURL{AuthType: strings.ToUpper(defaultStr(p.str("AuthType"), "AWS_IAM")), Qualifier: qual,
		Source: imp.srcOf(r)})
}
