// Command kpack-admit judges Kubernetes manifests with kpack's own admission code, as kpack's webhooks and the
// API server would on `kubectl apply` by an ordinary user, and with Kubernetes' own API validation: built-in objects
// (kubernetes.go), and the build Pod, cache PersistentVolumeClaim and Build that kpack's own code makes of every Image
// and Build it admits (runtime.go). It is a test oracle for cdk8s-kpack's rule engine: nothing of kpack or Kubernetes
// is copied, their Go modules are imported at the versions go.mod pins (kpack v0.17.2 with k8s.io/kubernetes v1.34.3;
// kpack-v0.16.1.mod: kpack v0.16.1 with k8s.io/kubernetes v1.29.0).
//
//	kpack-admit [--default-storage-class=false] [--expandable] [--previous FILE] FILE|-...
//	kpack-admit --dump-schema
//
// It prints one JSON line per document (Lists expanded, as kubectl does):
//
//	{"index", "file", "kind", "name", "namespace", "judged", "admitted", "refusedBy", "errors": [{"message", "paths"}],
//	 "message", "persisted", "update", "runtime": {"admitted", "errors": [{"object", "message", "paths", "objectPaths"}]},
//	 "podSecurity": {"level", "version", "violations": [{"reason", "detail"}]}}
//
// `judged` is false for kpack.io objects kpack's webhooks do not handle and for built-in kinds the oracle has no
// Kubernetes validation for (kubernetes.go kubeStrategies); `refusedBy` is "kubernetes" for a built-in object
// Kubernetes refuses. `runtime` is there for an Image or Build kpack admits (runtime.go documents the stand-ins and
// how the created objects' fields map back to the manifest's). `podSecurity` is there for a built-in object with a pod
// template (Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob) that Kubernetes decodes: the violations
// of Pod Security "restricted" (latest), from k8s.io/pod-security-admission (podsecurity.go).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pivotal/kpack/pkg/apis/build/v1alpha2"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// Line is the output for one document.
type Line struct {
	Index     int          `json:"index"`
	File      string       `json:"file"`
	Kind      string       `json:"kind"`
	Name      string       `json:"name"`
	Namespace string       `json:"namespace,omitempty"`
	Judged    bool         `json:"judged"`
	Update    bool         `json:"update,omitempty"`
	Admitted  bool         `json:"admitted"`
	RefusedBy string       `json:"refusedBy,omitempty"`
	Errors    []FieldError `json:"errors"`
	Message   string       `json:"message,omitempty"`
	Persisted any          `json:"persisted,omitempty"`
	// Runtime: for an Image or Build kpack admits, what Kubernetes (and kpack) say of the objects kpack's controllers
	// create from it (runtime.go).
	Runtime *Runtime `json:"runtime,omitempty"`
	// PodSecurity: for a built-in object with a pod template (that Kubernetes decodes), Pod Security "restricted"
	// (podsecurity.go).
	PodSecurity *PodSecurity `json:"podSecurity,omitempty"`
}

// Document is one object read from the input, as kubectl would send it.
type Document struct {
	File   string
	Object *unstructured.Unstructured
	// ParseError is set when the document cannot be read as a Kubernetes object.
	ParseError string
}

func main() {
	defaultStorageClass := flag.Bool("default-storage-class", true, "the cluster has a default StorageClass")
	expandable := flag.Bool("expandable", false, "the default StorageClass allows volume expansion")
	previous := flag.String("previous", "", "a file of objects that exist already: documents of the same kind, namespace and name are judged as updates of them")
	dumpSchema := flag.Bool("dump-schema", false, "print the field tree of kpack's Go types (for the rule engine) and exit")
	version := flag.String("kpack-version", "", "refuse to run unless this binary is built for this kpack version")
	flag.Parse()

	if *version != "" && *version != kpackVersion {
		fail(fmt.Errorf("this oracle is built for kpack %s, not %s", kpackVersion, *version))
	}
	if *dumpSchema {
		out, err := json.MarshalIndent(Schema(), "", "  ")
		if err != nil {
			fail(err)
		}
		os.Stdout.Write(append(out, '\n'))
		return
	}

	webhooks, err := NewWebhooks(Cluster{HasDefaultStorageClass: *defaultStorageClass, DefaultStorageClassExpandable: *expandable})
	if err != nil {
		fail(err)
	}

	// The objects that exist already are those of the previous file that kpack admits, as kpack stored them.
	stored := map[string][]byte{}
	if *previous != "" {
		docs, err := readFile(*previous)
		if err != nil {
			fail(err)
		}
		for _, d := range docs {
			if line := judge(webhooks, d, nil); line.Admitted && line.Persisted != nil {
				b, err := json.Marshal(line.Persisted)
				if err != nil {
					fail(err)
				}
				stored[keyOf(d.Object)] = b
			}
		}
	}

	files := flag.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	index := 0
	for _, file := range files {
		docs, err := readFile(file)
		if err != nil {
			fail(err)
		}
		for _, d := range docs {
			line := judge(webhooks, d, stored)
			line.Index = index
			index++
			b, err := json.Marshal(line)
			if err != nil {
				fail(err)
			}
			out.Write(append(b, '\n'))
		}
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "kpack-admit: %v\n", err)
	os.Exit(2)
}

func judge(webhooks *Webhooks, d Document, stored map[string][]byte) Line {
	line := Line{File: d.File, Errors: []FieldError{}}
	if d.Object == nil {
		line.Judged = true
		line.RefusedBy = "parse"
		line.Message = d.ParseError
		line.Errors = []FieldError{{Message: d.ParseError, Paths: []string{}}}
		return line
	}
	line.Kind = d.Object.GetKind()
	line.Name = d.Object.GetName()
	line.Namespace = d.Object.GetNamespace()
	if !isKpack(d.Object) {
		// A built-in kind: Kubernetes' own validation (kubernetes.go); other kinds are not judged.
		judgeKubernetesObject(&line, d.Object)
		return line
	}
	served, checked := servedKpackKind(d.Object.GroupVersionKind())
	if !served {
		// No CRD serves it: the API server refuses (kubectl: no matches for kind).
		line.Judged = true
		line.RefusedBy = "apiserver"
		line.Message = fmt.Sprintf("no matches for kind %q in version %q", line.Kind, d.Object.GetAPIVersion())
		line.Errors = []FieldError{{Message: line.Message, Paths: []string{"apiVersion", "kind"}}}
		return line
	}
	object, err := apiserverDecode(d.Object)
	if err != nil {
		// The API server decodes metadata into ObjectMeta before anything else: a wrongly typed field is refused.
		line.Judged = isKpack(d.Object)
		line.RefusedBy = "apiserver"
		line.Message = err.Error()
		line.Errors = []FieldError{{Message: err.Error(), Paths: []string{"metadata"}}}
		return line
	}
	if !checked {
		// Served, but kpack's webhooks only match kpack.io/v1alpha2 (matchPolicy: Exact) and never SourceResolver:
		// only the API server's metadata validation applies.
		line.Judged = true
		raw, err := object.MarshalJSON()
		if err != nil {
			fail(err)
		}
		// The API server's field manager runs before admission (runFieldManager).
		raw, unjudged := runFieldManager(raw, nil, object.GroupVersionKind())
		if unjudged != "" {
			line.Judged = false
			line.Message = unjudged
			return line
		}
		stored, _, refusal := customResourceAfterMutation(raw, object.GroupVersionKind(), nil)
		if refusal == nil {
			refusal = storageRefusal(stored)
		}
		if refusal != nil {
			line.RefusedBy = refusal.RefusedBy
			line.Message = refusal.Message
			line.Errors = refusal.Errors
			return line
		}
		line.Admitted = true
		if err := json.Unmarshal(stored, &line.Persisted); err != nil {
			fail(err)
		}
		return line
	}
	req, judged := requestOf(object)
	line.Judged = judged
	if !judged {
		line.Admitted = true
		return line
	}
	line.Namespace = req.Namespace
	if old, ok := stored[keyOf(object)]; ok {
		req.Old = old
		line.Update = true
	}
	v := webhooks.Admit(req)
	if v.Unjudged != "" {
		line.Judged = false
		line.Message = v.Unjudged
		return line
	}
	line.Admitted = v.Admitted
	line.RefusedBy = v.RefusedBy
	line.Errors = v.Errors
	line.Message = v.Message
	if v.Admitted {
		var persisted any
		if err := json.Unmarshal(v.Persisted, &persisted); err != nil {
			fail(err)
		}
		line.Persisted = persisted
		line.Runtime = webhooks.RuntimeOf(req.GVK.Kind, v.Persisted)
	}
	return line
}

// requestOf makes the request the API server would send kpack's webhooks; judged is false for objects kpack's
// webhooks do not handle (other groups, kpack.io/v1alpha1, SourceResolver).
func requestOf(u *unstructured.Unstructured) (Request, bool) {
	gvk := u.GroupVersionKind()
	if _, ok := webhookTypes[gvk]; !ok {
		return Request{}, false
	}
	u = u.DeepCopy()
	// kubectl sends namespaced objects with the namespace of the context (here: default); the API server clears
	// the namespace of cluster-scoped objects.
	if isClusterScoped(gvk.Kind) {
		u.SetNamespace("")
	} else if u.GetNamespace() == "" {
		u.SetNamespace("default")
	}
	raw, err := u.MarshalJSON()
	if err != nil {
		fail(err)
	}
	return Request{GVK: gvk, Namespace: u.GetNamespace(), Name: u.GetName(), Object: raw}, true
}

// v1alpha1Kinds are the kinds whose CRDs also serve kpack.io/v1alpha1 (config/*.yaml of both releases).
var v1alpha1Kinds = map[string]bool{"Build": true, "Builder": true, "ClusterBuilder": true, "ClusterStack": true, "ClusterStore": true, "Image": true, "SourceResolver": true}

// servedKpackKind says, for a kpack.io object, whether a CRD of this release serves it, and whether kpack's webhooks
// check it; objects of other groups are "served" and left to requestOf.
func servedKpackKind(gvk schema.GroupVersionKind) (served bool, checked bool) {
	if gvk.Group != v1alpha2.SchemeGroupVersion.Group {
		return true, true
	}
	_, webhook := webhookTypes[gvk.GroupKind().WithVersion("v1alpha2")]
	known := webhook || gvk.Kind == "SourceResolver"
	switch gvk.Version {
	case "v1alpha2":
		return known, webhook
	case "v1alpha1":
		return known && v1alpha1Kinds[gvk.Kind], false
	}
	return false, false
}

func isKpack(u *unstructured.Unstructured) bool {
	return u.GroupVersionKind().Group == v1alpha2.SchemeGroupVersion.Group
}

// apiserverDecode is what the API server does with a custom resource's body before admission (apiextensions-apiserver
// unstructuredSchemaCoercer.apply for requests): metadata is decoded into ObjectMeta, case-sensitively; a wrongly typed
// field is an error, unknown fields are pruned.
func apiserverDecode(u *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	u = u.DeepCopy()
	meta, found, _, err := objectmeta.GetObjectMetaWithOptions(u.Object, objectmeta.ObjectMetaOptions{DropMalformedFields: false, ReturnUnknownFieldPaths: true})
	if err != nil {
		return nil, err
	}
	if found {
		if err := objectmeta.SetObjectMeta(u.Object, meta); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// maxGeneratedNameLength is k8s.io/apiserver/pkg/storage/names MaxGeneratedNameLength (unexported in older releases).
const maxGeneratedNameLength = 58

// prepareForCreate is the API server's rest.BeforeCreate for what matters here: the namespace of the request
// (kubectl's `default` for namespaced kinds, none for cluster-scoped ones) and a name generated from generateName.
func prepareForCreate(u *unstructured.Unstructured, gvk schema.GroupVersionKind) {
	if isClusterScoped(gvk.Kind) {
		u.SetNamespace("")
	} else if u.GetNamespace() == "" {
		u.SetNamespace("default")
	}
	if u.GetName() == "" && u.GetGenerateName() != "" {
		// names.SimpleNameGenerator keeps at most 58 characters of generateName (MaxGeneratedNameLength: 63 less the 5
		// it adds) and appends 5 random characters; a fixed suffix keeps the oracle deterministic.
		base := u.GetGenerateName()
		if len(base) > maxGeneratedNameLength {
			base = base[:maxGeneratedNameLength]
		}
		u.SetName(base + "x7k2q")
	}
}

func keyOf(u *unstructured.Unstructured) string {
	namespace := u.GetNamespace()
	gvk := u.GroupVersionKind()
	if isClusterScoped(gvk.Kind) {
		namespace = ""
	} else if namespace == "" {
		namespace = "default"
	}
	return schema.GroupKind{Group: gvk.Group, Kind: gvk.Kind}.String() + "/" + namespace + "/" + u.GetName()
}

// readFile reads YAML or JSON documents as kubectl does: split on `---`, each converted to JSON by sigs.k8s.io/yaml
// (go-yaml v2, YAML 1.1), decoded as unstructured objects; lists (any object with `items`) are expanded.
func readFile(file string) ([]Document, error) {
	var r io.Reader
	if file == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	reader := utilyaml.NewYAMLReader(bufio.NewReader(r))
	var docs []Document
	for {
		chunk, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(chunk)) == 0 {
			continue
		}
		jsonBytes, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			docs = append(docs, Document{File: file, ParseError: err.Error()})
			continue
		}
		if string(bytes.TrimSpace(jsonBytes)) == "null" {
			continue
		}
		docs = append(docs, decode(file, jsonBytes)...)
	}
	return docs, nil
}

func decode(file string, jsonBytes []byte) []Document {
	obj, _, err := unstructured.UnstructuredJSONScheme.Decode(jsonBytes, nil, nil)
	if err != nil {
		return []Document{{File: file, ParseError: err.Error()}}
	}
	switch o := obj.(type) {
	case *unstructured.Unstructured:
		return []Document{{File: file, Object: o}}
	case *unstructured.UnstructuredList:
		var docs []Document
		for i := range o.Items {
			docs = append(docs, Document{File: file, Object: &o.Items[i]})
		}
		return docs
	default:
		return []Document{{File: file, ParseError: fmt.Sprintf("unexpected object %T", obj)}}
	}
}
