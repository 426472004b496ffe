//go:build !unix

package sqlite

// lockFile does nothing where flock is not available: processes opening a
// fresh database at the same moment may then race on its migration.
func lockFile(string) (func(), error) { return func() {}, nil }
