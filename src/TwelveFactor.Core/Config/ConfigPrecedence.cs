namespace TwelveFactor.Core.Config;

/// <summary>Who wins when a key is both in the process environment and in the env files.</summary>
public enum ConfigPrecedence
{
    /// <summary>The process environment wins, as in docker compose, Node dotenv and dotenvx. The default.</summary>
    ProcessEnvironment,

    /// <summary>The files win, as in foreman, honcho and dotenv's <c>override: true</c>.</summary>
    Files,

    /// <summary>The process environment is ignored (bare <c>KEY</c> lines and lookups still read it).</summary>
    FilesOnly,
}
