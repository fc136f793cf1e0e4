// Package meta holds tests about the code base itself: every package has a
// doc comment, the dependency directions of ARCHITECTURE.md hold (the
// model imports only the standard library and the graph library; the solver
// never imports an importer, the AWS SDK, cobra or graphviz), and every rule
// or scenario number the code, tests, scenario files, testscripts and READMEs
// cite is defined, under a unique anchor, in docs/RULES.md or a
// docs/rules-*.md.
package meta
