package attribution

import (
	"io/fs"
	"testing/fstest"
)

// badFS is an in-memory file system of data files for load-error tests.
type badFS map[string]string

func (b badFS) Open(name string) (fs.File, error) {
	m := fstest.MapFS{}
	for k, v := range b {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m.Open(name)
}
