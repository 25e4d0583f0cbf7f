// Command etcd runs the etcd server from the go.etcd.io/etcd/server/v3 module pinned in go.mod,
// the same entry point as etcd's own release binary.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
