package main

// The field tree of kpack's Go types, read by reflection at the pinned kpack version: what kpack's JSON decoding
// knows (every field at any depth, Kubernetes' embedded types included), for the rule engine's unknown-field and
// wrong-type checks. Printed by `kpack-admit --dump-schema`, written to src/imports by `npx projen import:schema`.

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"reflect"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/pivotal/kpack/pkg/apis/build/v1alpha2"
)

// SchemaVersion is the engine's compact schema: field types are `string`, `integer`, `number`, `boolean`,
// `quantity`, `intOrString`, `time` (RFC 3339), `any`, `[T]`, `{T}`, `*T` (a pointer) or the name of a type; a
// leading `~` marks a field json.Marshal omits when empty (omitempty), a leading `!` one it omits when zero (omitzero).
type SchemaVersion struct {
	Kpack string `json:"kpack"`
	// Kinds: the spec type of each kind.
	Kinds map[string]string `json:"kinds"`
	// Objects: the type of each kind's whole object (apiVersion, kind, metadata, spec, status).
	Objects map[string]string            `json:"objects"`
	Types   map[string]map[string]string `json:"types"`
}

var (
	quantityType    = reflect.TypeOf(resource.Quantity{})
	intOrStringType = reflect.TypeOf(intstr.IntOrString{})
	timeType        = reflect.TypeOf(metav1.Time{})
	microTimeType   = reflect.TypeOf(metav1.MicroTime{})
	durationType    = reflect.TypeOf(metav1.Duration{})
	rawExtension    = reflect.TypeOf(runtime.RawExtension{})
	unmarshaler     = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
)

type schemaBuilder struct {
	types map[string]map[string]string
	// names given to Go types (package path + name), to detect two types with one short name.
	names map[string]reflect.Type
}

// Schema describes the spec of every kind kpack's webhooks handle, and SourceResolver's.
func Schema() SchemaVersion {
	b := &schemaBuilder{types: map[string]map[string]string{}, names: map[string]reflect.Type{}}
	kinds := map[string]string{}
	objectTypes := map[string]string{}
	objects := map[string]any{"SourceResolver": &v1alpha2.SourceResolver{}}
	for gvk, crd := range webhookTypes {
		objects[gvk.Kind] = crd
	}
	kindNames := make([]string, 0, len(objects))
	for kind := range objects {
		kindNames = append(kindNames, kind)
	}
	sort.Strings(kindNames)
	for _, kind := range kindNames {
		t := reflect.TypeOf(objects[kind]).Elem()
		spec, ok := t.FieldByName("Spec")
		if !ok {
			fmt.Fprintf(os.Stderr, "kpack-admit: %s has no Spec field\n", kind)
			os.Exit(2)
		}
		kinds[kind] = b.fieldType(spec.Type)
		objectTypes[kind] = b.fieldType(t)
	}
	return SchemaVersion{Kpack: kpackVersion, Kinds: kinds, Objects: objectTypes, Types: b.types}
}

func (b *schemaBuilder) fieldType(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		// A pointer: JSON null sets it to nil (for a value, null has no effect), and a struct behind it is replaced
		// only when it was nil (Go decodes into what is there).
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		return "*" + b.fieldType(t)
	}
	switch t {
	case quantityType:
		return "quantity"
	case intOrStringType:
		return "intOrString"
	case timeType, microTimeType:
		return "time"
	case durationType:
		return "string"
	case rawExtension:
		return "any"
	}
	if reflect.PointerTo(t).Implements(unmarshaler) {
		// A type with its own JSON decoding that is not one of the above: accept anything rather than guess.
		fmt.Fprintf(os.Stderr, "kpack-admit: %s decodes itself, described as `any`\n", t)
		return "any"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Interface:
		return "any"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "string" // []byte is base64 text
		}
		return "[" + b.fieldType(t.Elem()) + "]"
	case reflect.Map:
		return "{" + b.fieldType(t.Elem()) + "}"
	case reflect.Struct:
		return b.structType(t)
	}
	fmt.Fprintf(os.Stderr, "kpack-admit: no schema type for %s\n", t)
	os.Exit(2)
	return ""
}

func (b *schemaBuilder) structType(t reflect.Type) string {
	name := t.Name()
	if other, taken := b.names[name]; taken && other != t {
		name = path.Base(t.PkgPath()) + "." + name
	}
	if _, done := b.types[name]; done {
		return name
	}
	b.names[name] = t
	fields := map[string]string{}
	b.types[name] = fields // before the fields: types may refer to themselves
	b.addFields(t, fields)
	return name
}

// addFields adds the JSON fields of a struct as encoding/json sees them (embedded structs without a name are inlined).
func (b *schemaBuilder) addFields(t reflect.Type, fields map[string]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name := strings.Split(tag, ",")[0]
		if f.Anonymous && name == "" {
			inner := f.Type
			for inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				b.addFields(inner, fields)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		t := b.fieldType(f.Type)
		for _, option := range strings.Split(tag, ",")[1:] {
			switch option {
			case "omitempty":
				// json.Marshal leaves the field out when it is empty (false, 0, "", nil, or a list or map of length 0).
				t = "~" + t
			case "omitzero":
				// json.Marshal (Go 1.24) leaves the field out when it is the zero value.
				t = "!" + t
			}
		}
		fields[name] = t
	}
}
