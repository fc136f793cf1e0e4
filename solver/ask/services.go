package ask

import (
	"slices"
	"strings"
)

// serviceWords are the endpoint prefixes of AWS services that a question may
// name as an endpoint ("can-reach fn ssm"): the part after
// com.amazonaws.<region>. of the service names AWS lists in "AWS services that
// integrate with AWS PrivateLink" (Amazon VPC PrivateLink guide), with the
// two gateway endpoint services (s3, dynamodb). A word outside this list and
// outside the snapshot's own endpoint services is not a service: it is a name
// that matches nothing, answered with suggestions, never guessed.
var serviceWords = []string{
	"access-analyzer", "account", "acm", "acm-pca", "airflow.api", "airflow.env", "airflow.ops", "aps",
	"aps-workspaces", "apigateway", "app-integrations", "appconfig", "appconfigdata", "application-autoscaling",
	"applicationinsights", "appmesh-envoy-management", "apprunner", "apprunner.requests", "appstream.api",
	"appstream.streaming", "appsync-api", "athena", "auditmanager", "autoscaling", "autoscaling-plans", "backup",
	"backup-gateway", "batch", "bedrock", "bedrock-agent", "bedrock-agent-runtime", "bedrock-runtime",
	"billingconductor", "braket", "cassandra", "cassandra-fips", "cleanrooms", "cloudcontrolapi",
	"cloudformation", "cloudhsmv2", "cloudtrail", "codeartifact.api", "codeartifact.repositories", "codebuild",
	"codecommit", "codedeploy", "codedeploy-commands-secure", "codeguru-profiler", "codeguru-reviewer",
	"codepipeline", "codestar-connections.api", "codewhisperer", "comprehend", "comprehendmedical", "config",
	"connect-campaigns", "console", "controltower", "databrew", "dataexchange", "datasync", "datazone",
	"devops-guru", "dms", "dms-fips", "drs", "ds", "dynamodb", "ebs", "ec2", "ec2messages", "ecr.api", "ecr.dkr",
	"ecs", "ecs-agent", "ecs-telemetry", "eks", "eks-auth", "elastic-inference.runtime", "elasticache",
	"elasticache-fips", "elasticbeanstalk", "elasticbeanstalk-health", "elasticfilesystem",
	"elasticfilesystem-fips", "elasticloadbalancing", "elasticmapreduce", "email-smtp", "emr-containers",
	"emr-serverless", "emrwal.prod", "entityresolution", "events", "evidently", "execute-api", "finspace",
	"finspace-api", "firehose", "fis", "forecast", "forecastquery", "frauddetector", "fsx", "fsx-fips", "glacier",
	"glue", "grafana", "grafana-workspace", "greengrass", "groundstation", "guardduty-data", "healthlake", "iam",
	"identitystore", "imagebuilder", "inspector2", "iot.credentials", "iot.data", "iot.fleethub.api",
	"iotfleetwise", "iotroborunner", "iotsitewise.api", "iotsitewise.data", "iottwinmaker.api",
	"iottwinmaker.data", "kafka", "kafka-fips", "kendra", "kendra-ranking", "kinesis-firehose", "kinesis-streams",
	"kms", "kms-fips", "lakeformation", "lambda", "license-manager", "license-manager-fips", "lightsail", "logs",
	"lookoutequipment", "lookoutmetrics", "lookoutvision", "lorawan.cups", "lorawan.lns", "m2", "macie2",
	"managedblockchain-query", "mediaconnect", "memory-db", "memorydb-fips", "mgn", "migrationhub-orchestrator",
	"migrationhub-strategy", "monitoring", "neptune-graph", "network-firewall", "network-firewall-fips",
	"nimble", "notifications", "oam", "omics.analytics", "omics.control-storage", "omics.storage",
	"omics.tags", "omics.workflows", "organizations", "organizations-fips", "outposts", "panorama", "payment-cryptography.controlplane",
	"payment-cryptography.dataplane", "pca-connector-ad", "personalize", "personalize-events",
	"personalize-runtime", "pinpoint", "pinpoint-sms-voice-v2", "pipes", "pipes-data", "polly",
	"private-networks", "profile", "proton", "qldb.session", "rbin", "rds", "rds-data", "redshift",
	"redshift-data", "redshift-fips", "redshift-serverless", "rekognition", "rekognition-fips", "resource-groups",
	"robomaker", "rolesanywhere", "rum", "rum-dataplane", "s3", "s3-outposts", "s3express", "sagemaker.api",
	"sagemaker.featurestore-runtime", "sagemaker.metrics", "sagemaker.notebook", "sagemaker.runtime",
	"sagemaker.runtime-fips", "scheduler", "schemas", "secretsmanager", "securityhub", "securitylake",
	"servicecatalog", "servicecatalog-appregistry", "servicediscovery", "servicediscovery-fips", "signin", "simspaceweaver",
	"snow-device-management", "sns", "sqs", "ssm", "ssm-contacts", "ssm-incidents", "ssmmessages", "states",
	"storagegateway", "sts", "swf", "swf-fips", "synthetics", "textract", "textract-fips", "transcribe",
	"transcribestreaming", "transfer", "transfer.server", "translate", "verifiedpermissions", "voiceid",
	"vpc-lattice", "wisdom", "workspaces", "xray",
}

func init() { slices.Sort(serviceWords) }

// knownService reports whether word is an AWS service endpoint prefix, from
// the list above or from an endpoint service of the snapshot ("foo" for an
// endpoint to com.amazonaws.us-east-1.foo).
func (k *Asker) knownService(word string) bool {
	word = strings.ToLower(word)
	if _, ok := slices.BinarySearch(serviceWords, word); ok {
		return true
	}
	for _, ep := range k.n.Snap.VPCEndpoints {
		if svc := serviceSuffix(ep.ServiceName); svc != "" && svc == word {
			return true
		}
	}
	return false
}

// serviceSuffix returns "ssm" for com.amazonaws.us-east-1.ssm ("" for other shapes).
func serviceSuffix(name string) string {
	parts := strings.SplitN(name, ".", 4)
	if len(parts) == 4 && parts[0] == "com" && parts[1] == "amazonaws" {
		return parts[3]
	}
	return ""
}
