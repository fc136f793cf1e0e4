// Package meta holds tests about the code base itself: every package has a
// doc comment, and the dependency directions of ARCHITECTURE.md hold (the
// model imports only the standard library and the graph library; the solver
// never imports an importer, the AWS SDK, cobra or graphviz).
package meta
