package awsapi

import (
	"context"
	"errors"
	"strings"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// Call is one API operation as the manifest records it: all its pages.
type Call struct {
	Account   string `json:"account"`
	Region    string `json:"region"`
	Service   string `json:"service"`   // the SDK's service ID, e.g. "EC2"
	Operation string `json:"operation"` // e.g. "DescribeVpcs"
	Action    string `json:"action"`    // the IAM action it needs, e.g. "ec2:DescribeVpcs"
	Target    string `json:"target,omitempty"`
	Outcome   string `json:"outcome"` // OutcomeOK, OutcomeDenied or OutcomeFailed
	Error     string `json:"error,omitempty"`
	Pages     int    `json:"pages"`
	Items     int    `json:"items"`
	Millis    int64  `json:"ms"`
}

// Call outcomes.
const (
	OutcomeOK     = "ok"
	OutcomeDenied = "access-denied"
	OutcomeFailed = "failed"
)

type callKey struct{}

// recordOperation is an SDK middleware that writes the operation's real
// service and name into the Call carried by the context, so the manifest
// (and the IAM policy test that reads it) cannot disagree with what ran.
func recordOperation(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("netverifyRecordOperation",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			// The first operation wins: credential refreshes (sts AssumeRole) run inside it.
			if c, ok := ctx.Value(callKey{}).(*Call); ok && c.Operation == "" {
				c.Service, c.Operation = awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx)
				c.Action = IAMAction(c.Service, c.Operation)
			}
			return next.HandleInitialize(ctx, in)
		}), middleware.After)
}

// iamPrefixes maps the SDK's service IDs to IAM service prefixes.
var iamPrefixes = map[string]string{
	"EC2": "ec2", "Elastic Load Balancing v2": "elasticloadbalancing", "Direct Connect": "directconnect",
	"Route 53": "route53", "Route53Resolver": "route53resolver", "API Gateway": "apigateway",
	"ApiGatewayV2": "apigateway", "Lambda": "lambda", "STS": "sts",
}

// IAMAction returns the IAM action an operation needs. API Gateway's
// management API is authorised per HTTP verb: every Get* is apigateway:GET.
func IAMAction(serviceID, operation string) string {
	p, ok := iamPrefixes[serviceID]
	if !ok {
		p = strings.ToLower(strings.ReplaceAll(serviceID, " ", ""))
	}
	if p == "apigateway" && strings.HasPrefix(operation, "Get") {
		return "apigateway:GET"
	}
	return p + ":" + operation
}

// finish records the outcome of c.
func (c *Call) finish(start time.Time, err error) {
	c.Millis = time.Since(start).Milliseconds()
	c.Outcome = OutcomeOK
	if err == nil {
		return
	}
	c.Outcome, c.Error = OutcomeFailed, err.Error()
	if denied(err) {
		c.Outcome = OutcomeDenied
	}
}

// denied reports whether err is an authorisation failure.
func denied(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.ErrorCode() {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
		"AuthFailure", "UnrecognizedClientException", "OptInRequired":
		return true
	}
	return false
}
