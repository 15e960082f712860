using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using k8s;
using k8s.Models;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Kubernetes objects for a formation, built from the Kubernetes API models (KubernetesClient) and written with its
/// YAML serializer: a Deployment per process type with its replicas, a ConfigMap of the plain values, a Secret of the
/// secret ones (in a file of its own, owner-only) and a Service for <c>web</c> on its PORT.
/// </summary>
internal static class KubernetesManifests
{
    public static IReadOnlyList<ExportedFile> Build(FormationExportRequest request)
    {
        if (request.Image is null)
        {
            throw new ProcfileException(ProblemId.FormationInvalid, request.App, CoreStrings.FormationKubernetesNeedsImage);
        }

        string app = Name(request.App);
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = app };
        var documents = new List<object>
        {
            new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = app + "-config", Labels = labels },
                Data = request.Config.Where(v => !v.IsSecret).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
            },
        };
        bool hasSecrets = request.Config.Any(v => v.IsSecret);
        for (int index = 0; index < request.Counts.Count; index++)
        {
            (ProcessTypeDefinition type, int count) = request.Counts[index];
            int port = FormationExporter.PortOf(request, index, 1);
            string name = app + "-" + Name(type.Name);
            var selector = new Dictionary<string, string>(labels) { ["app.kubernetes.io/component"] = Name(type.Name) };
            var envFrom = new List<V1EnvFromSource> { new() { ConfigMapRef = new V1ConfigMapEnvSource { Name = app + "-config" } } };
            if (hasSecrets)
            {
                envFrom.Add(new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = app + "-secrets" } });
            }

            var container = new V1Container
            {
                Name = Name(type.Name),
                Image = request.Image,
                Command = new List<string> { "/bin/sh", "-c", type.Command },
                Env = new List<V1EnvVar>
                {
                    new() { Name = "PORT", Value = port.ToString(CultureInfo.InvariantCulture) },
                    new() { Name = "PS", Value = type.Name },
                },
                EnvFrom = envFrom,
            };
            if (type.Name == "web")
            {
                container.Ports = new List<V1ContainerPort> { new() { ContainerPort = port, Name = "http" } };
            }

            documents.Add(new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = name, Labels = selector },
                Spec = new V1DeploymentSpec
                {
                    Replicas = count,
                    Selector = new V1LabelSelector { MatchLabels = selector },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = selector },
                        Spec = new V1PodSpec
                        {
                            TerminationGracePeriodSeconds = (long)Math.Ceiling(request.ShutdownGracePeriod.TotalSeconds),
                            Containers = new List<V1Container> { container },
                        },
                    },
                },
            });

            if (type.Name == "web")
            {
                documents.Add(new V1Service
                {
                    ApiVersion = "v1",
                    Kind = "Service",
                    Metadata = new V1ObjectMeta { Name = name, Labels = selector },
                    Spec = new V1ServiceSpec
                    {
                        Selector = selector,
                        Ports = new List<V1ServicePort> { new() { Name = "http", Port = port, TargetPort = "http" } },
                    },
                });
            }
        }

        var files = new List<ExportedFile> { new(app + ".yaml", Join(documents), OwnerOnly: false, "manifests") };
        if (hasSecrets)
        {
            var secret = new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = "Opaque",
                Metadata = new V1ObjectMeta { Name = app + "-secrets", Labels = labels },
                StringData = request.Config.Where(v => v.IsSecret).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
            };
            files.Add(new ExportedFile(app + "-secrets.yaml", KubernetesYaml.Serialize(secret), OwnerOnly: true, "secret"));
        }

        return files;
    }

    // Object names are DNS labels: lower case, '-' for anything else.
    private static string Name(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        return builder.ToString().Trim('-');
    }

    private static string Join(IEnumerable<object> documents) =>
        string.Join("---\n", documents.Select(d => KubernetesYaml.Serialize(d).TrimEnd('\n') + "\n"));
}
