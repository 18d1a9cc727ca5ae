//go:build !kpack_v0_16

package main

import "github.com/pivotal/kpack/pkg/apis/build/v1alpha2"

// builderConfig is what kpack's build pod generator reads from the builder image (fetchBuilderConfig), as stand-ins;
// the image is the Build's spec.builder.image, or, for a Build that names its builder (spec.builder.ref), that
// builder's latest image.
func builderConfig(b *v1alpha2.Build) v1alpha2.BuildPodBuilderConfig {
	resolved := b.Spec.Builder.Image
	if b.Spec.Builder.Ref != nil {
		resolved = standInBuilderImage
	}
	return v1alpha2.BuildPodBuilderConfig{
		StackID:       standInStack,
		RunImage:      standInRunImage,
		Uid:           1000,
		Gid:           1000,
		PlatformAPIs:  standInPlatformAPIs,
		ResolvedImage: resolved,
	}
}
