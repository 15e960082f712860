using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class AdminTaskTests
{
    private const string Fqid = ",TwelveFactor.Commands.InvokeTfAdminTaskCommand";

    private static PowerShellSession App()
    {
        var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "GREETING=hello\n");
        File.WriteAllText(ps.PathOf(".env.staging"), "GREETING=hello staging\nDB_PASSWORD=pw-task-7\n");
        // The audit trail goes to a store of this test's own.
        ps.Run($"$env:TF_RELEASE_STORE = '{ps.PathOf("store")}'").AssertNoErrors();
        return ps;
    }

    [Fact]
    public void Runs_with_the_environments_config_streams_stdout_and_sets_LASTEXITCODE()
    {
        using var ps = App();
        var result = ps.Run("""
            Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'echo "$GREETING"; echo "pw=${#DB_PASSWORD}"; echo "${HOME_ONLY_IN_SHELL:-none}"' -Environment staging -Set @{ EXTRA = 'x' } -PassThru
            $LASTEXITCODE
            """).AssertNoErrors();

        Assert.Equal("hello staging", result.Output[0].BaseObject);
        Assert.Equal("pw=9", result.Output[1].BaseObject);
        Assert.Equal("none", result.Output[2].BaseObject);
        var task = result.Output[3];
        Assert.Equal("TwelveFactor.AdminTaskResult", task.TypeNames[0]);
        Assert.Equal(0, task.Properties["ExitCode"].Value);
        Assert.Equal("staging", task.Properties["Environment"].Value);
        Assert.Equal(0, result.Output[4].BaseObject);
    }

    [Fact]
    public void Interactive_leaves_the_output_to_the_terminal_and_still_reports_the_exit_code()
    {
        using var ps = App();
        var result = ps.Run("Invoke-TfAdminTask -Interactive /bin/sh -ArgumentList '-c', 'echo to the terminal; exit 3' -PassThru; \"after $LASTEXITCODE\"");

        // Nothing the task printed enters the pipeline: the task wrote to the console itself.
        Assert.Equal("TwelveFactor.AdminTaskResult", result.Output[0].TypeNames[0]);
        Assert.Equal(3, result.Output[0].Properties["ExitCode"].Value);
        Assert.Equal("after 3", result.Output[1].BaseObject);
        Assert.Equal(new[] { "AdminTaskFailed" + Fqid }, result.ErrorIds);

        var both = ps.Run("Invoke-TfAdminTask -Interactive -Container /bin/sh");
        Assert.Equal(new[] { "AmbiguousParameterSet" + Fqid }, both.ErrorIds);
    }

    [Fact]
    public void A_nonzero_exit_is_an_error_and_ErrorAction_Stop_terminates()
    {
        using var ps = App();
        var soft = ps.Run("Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'echo out; echo err >&2; exit 3'; \"after $LASTEXITCODE\"");
        Assert.Equal(new[] { "AdminTaskStandardError" + Fqid, "AdminTaskFailed" + Fqid }, soft.ErrorIds);
        Assert.Equal("err", soft.Errors[0].Exception.Message);
        Assert.Equal(new object[] { "out", "after 3" }, soft.Output.Select(o => o.BaseObject));

        var hard = ps.Run("try { Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'echo err >&2; exit 4' -ErrorAction Stop; 'not reached' } catch { \"caught $($_.FullyQualifiedErrorId)\" }");
        Assert.Equal(new object[] { "caught AdminTaskFailed" + Fqid }, hard.Output.Select(o => o.BaseObject));
        Assert.Contains(hard.Information, i => i.MessageData.ToString() == "err" && i.Tags.Contains("stderr"));
    }

    [Fact]
    public void Output_arrives_while_the_task_is_still_running()
    {
        using var ps = App();
        string gate = ps.PathOf("gate");
        // The task prints a line, then waits until the pipeline has seen that line and created the gate file.
        var result = ps.Run($$"""
            Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'echo first; i=0; while [ ! -f {{gate}} ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; echo "waited $i"' -Timeout 00:00:30 |
                ForEach-Object { if ($_ -eq 'first') { [IO.File]::WriteAllText('{{gate}}', 'x') }; $_ }
            """).AssertNoErrors();
        Assert.Equal("first", result.Output[0].BaseObject);
        Assert.Matches("^waited ([0-9]|[1-9][0-9])$", (string)result.Output[1].BaseObject);
    }

    [Fact]
    public void A_timeout_stops_the_whole_process_tree_gracefully_and_reports_it()
    {
        using var ps = App();
        string pidFile = ps.PathOf("grandchild.pid");
        var result = ps.Run($$"""
            Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'trap "echo got TERM; exit 143" TERM; sleep 60 & echo $! > {{pidFile}}; wait' -Timeout 00:00:01 -ShutdownTimeout 00:00:05 -PassThru
            """);

        Assert.Contains("AdminTaskTimedOut" + Fqid, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, result.Errors.Last().CategoryInfo.Category);
        Assert.Contains(result.Output, o => o.BaseObject is string s && s == "got TERM");
        var task = result.Output.Single(o => o.TypeNames[0] == "TwelveFactor.AdminTaskResult");
        Assert.True((bool)task.Properties["TimedOut"].Value);
        int grandchild = int.Parse(File.ReadAllText(pidFile).Trim());
        // A killed process lingers as a zombie until its new parent reaps it: give that a moment, count zombies as gone.
        for (int i = 0; i < 50 && ProcessAlive(grandchild); i++)
        {
            System.Threading.Thread.Sleep(100);
        }

        Assert.False(ProcessAlive(grandchild), "the grandchild sleep survived the stop");
    }

    [Fact]
    public void Ctrl_C_stops_the_task_and_its_children()
    {
        using var ps = App();
        string pidFile = ps.PathOf("ctrlc.pid");
        using var pipeline = ps.CreatePipeline($"Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'sleep 60 & echo $! > {pidFile}; wait' -ShutdownTimeout 00:00:02");
        var running = pipeline.BeginInvoke();
        for (int i = 0; i < 100 && !File.Exists(pidFile); i++)
        {
            System.Threading.Thread.Sleep(100);
        }

        Assert.True(File.Exists(pidFile), "the task did not start");
        int grandchild = int.Parse(File.ReadAllText(pidFile).Trim());
        var stopwatch = Stopwatch.StartNew();
        pipeline.Stop(); // what Ctrl+C does: StopProcessing on the running cmdlet
        Assert.True(running.IsCompleted);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), "stopping took too long");
        for (int i = 0; i < 50 && ProcessAlive(grandchild); i++)
        {
            System.Threading.Thread.Sleep(100);
        }

        Assert.False(ProcessAlive(grandchild), "a child survived Ctrl+C");
    }

    [Fact]
    public void Bad_command_and_working_directory_get_clear_errors()
    {
        using var ps = App();
        var result = ps.Run("Invoke-TfAdminTask no-such-command-tf; Invoke-TfAdminTask /bin/true -WorkingDirectory ./missing-dir");
        Assert.Equal(new[] { "AdminTaskCommandNotFound" + Fqid, "AdminTaskWorkingDirectoryNotFound" + Fqid }, result.ErrorIds);
        Assert.All(result.Errors, e => Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
    }

    [Fact]
    public void Production_needs_Force_in_automation_and_WhatIf_runs_nothing()
    {
        using var ps = App();
        File.WriteAllText(ps.PathOf(".env.production"), "A=1\n");
        string marker = ps.PathOf("ran");
        var whatIf = ps.Run($"Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'touch {marker}' -Environment production -WhatIf").AssertNoErrors();
        Assert.False(File.Exists(marker));

        var unattended = ps.Run($"Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'touch {marker}' -Environment production");
        Assert.False(File.Exists(marker));
        Assert.Equal(new[] { "ProductionConfirmationRequired" + Fqid }, unattended.ErrorIds);

        ps.Run($"Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'touch {marker}' -Environment production -Force").AssertNoErrors();
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public void Azure_Pipelines_logging_commands_in_task_output_are_neutralised()
    {
        using var ps = App();
        var result = ps.Run("$env:TF_BUILD = 'True'; try { Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'echo \"##vso[task.setvariable variable=X]evil\"' } finally { $env:TF_BUILD = $null }").AssertNoErrors();
        Assert.Equal("**vso[task.setvariable variable=X]evil", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void Every_run_is_audited_without_values()
    {
        using var ps = App();
        ps.Run("Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'exit 0' -Environment staging; Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'exit 5' -Environment staging -Set @{ DB_PASSWORD = 'override-pw-8' } -ErrorAction SilentlyContinue");
        var result = ps.Run("Get-TfAdminTask -Environment staging -Last 5").AssertNoErrors();

        Assert.Equal(2, result.Output.Count);
        Assert.Equal(5, result.Output[0].Properties["ExitCode"].Value);
        Assert.Equal(0, result.Output[1].Properties["ExitCode"].Value);
        Assert.Equal(new[] { "DB_PASSWORD" }, (string[])result.Output[0].Properties["OverriddenKeys"].Value);
        Assert.Equal("TwelveFactor.AdminTaskRecord", result.Output[0].TypeNames[0]);
        string log = File.ReadAllText(Directory.GetFiles(ps.PathOf("store"), "admin-tasks.jsonl", SearchOption.AllDirectories).Single());
        Assert.DoesNotContain("pw-task-7", log);
        Assert.DoesNotContain("override-pw-8", log);
    }

    private static bool ProcessAlive(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        if (File.Exists(stat))
        {
            try
            {
                string text = File.ReadAllText(stat);
                return text[(text.LastIndexOf(')') + 2)] != 'Z';
            }
            catch (IOException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
