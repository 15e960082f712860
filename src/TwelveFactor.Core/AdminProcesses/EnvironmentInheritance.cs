namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// What the task inherits from the environment of the process that starts it, underneath the release's config.
/// Config always wins over what is inherited, and the per-run overrides win over both.
/// </summary>
public enum EnvironmentInheritance
{
    /// <summary>
    /// The default: only what describes the machine and the user rather than the app, so the task can find its
    /// tools and behave as on this machine (PATH, HOME, USER, LOGNAME, SHELL, LANG, LANGUAGE, LC_*, TZ, TERM,
    /// TMPDIR, the proxy variables, SSL_CERT_FILE and SSL_CERT_DIR; on Windows also SystemRoot, windir, ComSpec,
    /// PATHEXT, TEMP, TMP, the profile and program folders and the processor variables). An app setting left in
    /// the shell (a developer's DATABASE_URL) never leaks into a release's task: that is what a one-off dyno
    /// gives too, the platform's basics plus the app's config and nothing of the caller's shell.
    /// </summary>
    MachineBasics,

    /// <summary>Everything the parent has (the way a shell starts a command).</summary>
    All,

    /// <summary>Nothing: the task sees only the config and the overrides. It then has no PATH unless config sets one.</summary>
    None,
}
