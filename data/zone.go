package data

import (
	"sync"
	"time"
	_ "time/tzdata" // Windows PCs may lack a zone database
)

// zone is loaded once: parsing the zone database on every call would cost
// more than the computations that need it. It is immutable, not state.
var zone = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
})

// Zone is Danish time. Mentorbog shows and groups every instant in it, so
// a laptop set to another zone, or a CI machine in UTC, sees the same days.
func Zone() *time.Location { return zone() }
