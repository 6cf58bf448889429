package sqlstore

import (
	"reflect"
	"strings"
)

// changedFields names the exported fields that differ between two values
// of the same struct type: what the audit log says about a change, without
// any of the values.
func changedFields(before, after any) string {
	a, b := reflect.ValueOf(before), reflect.ValueOf(after)
	if a.Type() != b.Type() || a.Kind() != reflect.Struct {
		return ""
	}
	var names []string
	for i := 0; i < a.NumField(); i++ {
		f := a.Type().Field(i)
		if !f.IsExported() || f.Name == "ID" {
			continue
		}
		if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			names = append(names, f.Name)
		}
	}
	if len(names) == 0 {
		return "ingen ændringer"
	}
	return "felter: " + strings.Join(names, ", ")
}
