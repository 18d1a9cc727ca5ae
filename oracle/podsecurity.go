package main

// Pod Security "restricted", judged by Kubernetes' own code: k8s.io/pod-security-admission's policy evaluator
// (policy.NewEvaluator(policy.DefaultChecks()), level restricted, version latest of the module go.mod pins) over the
// pod template of every built-in object that has one, found by the admission plugin's own extractor
// (admission.DefaultPodSpecExtractor: Pod, PodTemplate, ReplicationController, ReplicaSet, Deployment, DaemonSet,
// StatefulSet, Job, CronJob). As in the API server's PodSecurity admission plugin, the object evaluated is the one the
// API server holds after decoding and defaulting, converted to its versioned type (kubernetes.go hands it over).
//
// The oracle reports the violations whatever the object's namespace; which pods must pass is the caller's promise
// (cdk8s-kpack: every pod of the platform, in the kpack namespace that enforces "restricted").

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	psaadmission "k8s.io/pod-security-admission/admission"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

// PodSecurity is the verdict of Pod Security admission on an object's pod template.
type PodSecurity struct {
	// Level and Version: the policy evaluated ("restricted", "latest").
	Level   string `json:"level"`
	Version string `json:"version"`
	// Violations: one per failed check, as Pod Security words them (reason, and detail when it has one).
	Violations []PodSecurityViolation `json:"violations"`
}

// PodSecurityViolation is one failed check.
type PodSecurityViolation struct {
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

var podSecurityEvaluator policy.Evaluator

var podSecurityLevel = psaapi.LevelVersion{Level: psaapi.LevelRestricted, Version: psaapi.LatestVersion()}

func init() {
	e, err := policy.NewEvaluator(policy.DefaultChecks())
	if err != nil {
		panic(fmt.Sprintf("pod security evaluator: %v", err))
	}
	podSecurityEvaluator = e
}

// podSecurityOf evaluates the pod template of an internal object of the API server (decoded, defaulted) of kind gvk;
// nil for objects without a pod template.
func podSecurityOf(obj runtime.Object, gvk schema.GroupVersionKind) (*PodSecurity, error) {
	versioned, err := kubeScheme.ConvertToVersion(obj, gvk.GroupVersion())
	if err != nil {
		return nil, err
	}
	meta, spec, err := psaadmission.DefaultPodSpecExtractor{}.ExtractPodSpec(versioned)
	if err != nil {
		// not a kind with a pod template
		return nil, nil
	}
	ps := &PodSecurity{Level: string(podSecurityLevel.Level), Version: "latest", Violations: []PodSecurityViolation{}}
	for _, r := range podSecurityEvaluator.EvaluatePod(podSecurityLevel, meta, spec) {
		if !r.Allowed {
			ps.Violations = append(ps.Violations, PodSecurityViolation{Reason: r.ForbiddenReason, Detail: r.ForbiddenDetail})
		}
	}
	return ps, nil
}
