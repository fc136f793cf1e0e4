package awsapi

import (
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// collectLambda reads the functions (their VpcConfig places them in subnets,
// R9); their environment variables are removed before writing (scrub.go).
func collectLambda(s *scope) {
	c := lambda.NewFromConfig(s.cfg)
	p := lambda.NewListFunctionsPaginator(c, nil)
	list(s, "LambdaFunctions", p.HasMorePages, p.NextPage, func(o *lambda.ListFunctionsOutput) []types.FunctionConfiguration { return o.Functions })
}
