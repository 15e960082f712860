namespace TwelveFactor;

/// <summary>
/// Who wins when a key is both in the process environment and in the env files. Mirrors Core's enum: cmdlet
/// classes hold no field of a Core value type, because PowerShell loads the cmdlet types before the module
/// initializer can point the runtime at Core (see ModuleAssemblyLoader).
/// </summary>
public enum ConfigPrecedence
{
    /// <summary>The process environment wins, as in docker compose, Node dotenv and dotenvx. The default.</summary>
    ProcessEnvironment = Core.Config.ConfigPrecedence.ProcessEnvironment,

    /// <summary>The files win, as in foreman, honcho and dotenv's <c>override: true</c>.</summary>
    Files = Core.Config.ConfigPrecedence.Files,

    /// <summary>The process environment is ignored (bare <c>KEY</c> lines and lookups still read it).</summary>
    FilesOnly = Core.Config.ConfigPrecedence.FilesOnly,
}
