// Command echotemplates writes the local Coder's workspace templates as archives for its echo
// provisioner (terraform cannot be downloaded here). The archive format belongs to the Coder version
// this module pins, so the archives are made by that version's own echo package.
//
//	echotemplates DIR   writes DIR/<name>.tar for each template below
//
// gpu-workspace and cpu-notebook are the demo's templates (scripts/services/coder-bootstrap.mjs
// installs them); needs-secret is for the tests: a template with a required parameter the portal
// cannot fill.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/coder/coder/v2/provisioner/echo"
	"github.com/coder/coder/v2/provisionersdk/proto"
)

func int32p(v int32) *int32 { return &v }

// gpuWorkspace: a GPU pod with a cloned repository, as the portal's Coder card asks for one.
func gpuWorkspace() *echo.Responses {
	params := []*proto.RichParameter{
		{
			Name: "gpu_count", DisplayName: "GPU count", Type: "number",
			Description:  "Number of GPUs for the workspace pod",
			DefaultValue: "1", Mutable: true, Order: 1,
			ValidationMin: int32p(0), ValidationMax: int32p(8),
		},
		{
			Name: "repo_url", DisplayName: "Repository URL", Type: "string",
			Description: "Git repository to clone into the workspace", Order: 2,
		},
		{
			Name: "image", DisplayName: "Image", Type: "string",
			Description:  "Container image of the workspace",
			DefaultValue: "pytorch", Mutable: true, Order: 3,
			Options: []*proto.RichParameterOption{
				{Name: "PyTorch", Value: "pytorch"},
				{Name: "TensorFlow", Value: "tensorflow"},
				{Name: "CUDA base", Value: "cuda-base"},
			},
		},
	}
	return graph(params, 10)
}

// graph: what the echo provisioner answers on import and on every build of the template.
func graph(params []*proto.RichParameter, dailyCost int32) *echo.Responses {
	resources := []*proto.Resource{{Name: "workspace", Type: "kubernetes_pod", DailyCost: dailyCost}}
	return &echo.Responses{ProvisionGraph: []*proto.Response{{Type: &proto.Response_Graph{Graph: &proto.GraphComplete{
		Parameters: params, Resources: resources,
	}}}}}
}

// cpuNotebook: a notebook without GPUs (it has no gpu_count parameter).
func cpuNotebook() *echo.Responses {
	return graph([]*proto.RichParameter{{
		Name: "image", DisplayName: "Image", Type: "string",
		DefaultValue: "jupyter", Mutable: true, Order: 1,
	}}, 2)
}

// needsSecret: a required parameter without a default that the portal has no value for.
func needsSecret() *echo.Responses {
	return graph([]*proto.RichParameter{
		{Name: "gpu_count", Type: "number", DefaultValue: "0", Mutable: true, Order: 1},
		{Name: "api_key", Type: "string", Required: true, Order: 2},
	}, 1)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: echotemplates DIR")
		os.Exit(2)
	}
	templates := map[string]*echo.Responses{
		"gpu-workspace": gpuWorkspace(),
		"cpu-notebook":  cpuNotebook(),
		"needs-secret":  needsSecret(),
	}
	for name, responses := range templates {
		data, err := echo.Tar(responses)
		if err == nil {
			err = os.WriteFile(filepath.Join(os.Args[1], name+".tar"), data, 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "echotemplates: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}
