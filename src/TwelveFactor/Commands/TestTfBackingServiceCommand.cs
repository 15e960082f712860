using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Core.Parity;
using TwelveFactor.Resources;

using TwelveFactor.Core.BackingServices;
namespace TwelveFactor.Commands;

/// <summary>Checks that each backing service answers: name resolution, TCP connect, TLS handshake and certificate expiry.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TfBackingService")]
[OutputType(typeof(BackingServiceTestResult))]
[OutputType(typeof(bool))]
public sealed class TestTfBackingServiceCommand : TfCmdlet
{
    private readonly List<BackingService> _services = new();

    /// <summary>Backing services from Get-TfBackingService.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public BackingService[] InputObject { get; set; } = Array.Empty<BackingService>();

    /// <summary>How many seconds each service may take in all, across its steps (or a TimeSpan). Default 10 seconds.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Warn when a TLS certificate expires within this many days. Default 30.</summary>
    [Parameter]
    [ValidateRange(0, 3650)]
    public int CertificateExpiryWarningDays { get; set; } = 30;

    /// <summary>Return only $true when every service answered, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => _services.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var probe = new BackingServiceProbe(new BackingServiceProbeOptions
        {
            Timeout = Timeout,
            CertificateExpiryWarningDays = CertificateExpiryWarningDays,
            BaseDirectory = AppFolder,
        });
        bool all = true;
        for (int i = 0; i < _services.Count; i++)
        {
            var service = _services[i];
            WriteProgress(new ProgressRecord(1, Strings.TestBackingServiceActivity, string.Format(CultureInfo.CurrentCulture, Strings.TestBackingServiceProgressStatus, service.Name, service.Kind, service.Host, service.Port))
            {
                PercentComplete = 100 * i / _services.Count,
            });
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestBackingServiceProbing, service.Name, service.Url));
            BackingServiceProbeResult result;
            try
            {
                result = probe.ProbeAsync((BackingServiceLocator)service.Locator, CancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }

            all &= result.Succeeded;
            foreach (string warning in result.Warnings)
            {
                WriteWarning($"{service.Name}: {warning}");
            }

            if (!Quiet)
            {
                WriteObject(new BackingServiceTestResult(
                    service.Name, service.Kind, service.Environment, result.Host, result.Port, result.Status.ToString(),
                    result.FailedStep?.ToString(), result.Error, result.Duration,
                    result.Steps.Select(s => $"{s.Step} {s.Status} {s.Duration.TotalMilliseconds:0} ms: {s.Message}").ToArray(),
                    result.CertificateNotAfter, result.CertificateDaysToExpiry, result.Warnings.ToArray()));
            }
        }

        WriteProgress(new ProgressRecord(1, Strings.TestBackingServiceActivity, "Done") { RecordType = ProgressRecordType.Completed });
        if (Quiet)
        {
            WriteObject(all);
        }

        base.EndProcessing();
    }
}
