using System.Globalization;
using System.Management.Automation;
using System.Security;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation.Secrets;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Sets one config value in an env file, in place and losslessly. Takes Get-TfConfig's entries from the pipeline,
/// so <c>Get-TfConfig -Environment staging | Set-TfConfig -Environment production</c> copies config, secrets
/// included (the entry carries its real value unseen, never the masked text), and other objects by property name.
/// </summary>
[Cmdlet(VerbsCommon.Set, "TfConfig", DefaultParameterSetName = InputObjectParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ConfigEntry))]
public sealed class SetTfConfigCommand : ConfigFileCommand
{
    private const string ValueParameterSet = "Value";
    // The default, because the binder tries the default set first with pipeline input: an entry from Get-TfConfig
    // must bind whole (its real value) rather than by property name (its masked Value).
    private const string InputObjectParameterSet = "InputObject";

    /// <summary>An entry from Get-TfConfig: its name, real value and secrecy are copied.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectParameterSet)]
    public ConfigEntry? InputObject { get; set; }

    /// <summary>The key to set.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ValueParameterSet)]
    [Alias("Key")]
    [ArgumentCompleter(typeof(ConfigKeyCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>The value: a string, or a SecureString (which also marks the key secret).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ValueParameterSet)]
    [AllowEmptyString]
    [AllowNull]
    public object? Value { get; set; }

    /// <summary>The value as a SecureString, which also marks the key secret. Wins over -Value.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ValueParameterSet)]
    [AllowNull]
    public SecureString? SecureValue { get; set; }

    /// <summary>Mark the key secret in the file (a '# tf:secret' line above it), so it is masked wherever shown.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("IsSecret")]
    public SwitchParameter Secret { get; set; }

    /// <summary>Write the resulting entry (masked when secret) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            Name = InputObject.Name;
            if (InputObject.FromShellByDefault)
            {
                // Copying config between environments must not carry the operator's shell into a file.
                WriteError(ErrorRecordFactory.Create(ProblemId.ConfigValueFromShell, new PSInvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.SetConfigValueFromShell, Name, InputObject.Source)), Name));
                return;
            }
        }

        if (!ValidateKey(Name))
        {
            return;
        }

        string? value;
        bool secret = Secret.IsPresent;
        switch (InputObject is not null ? InputObject.RealValue : SecureValue ?? Value)
        {
            case string text when InputObject is not null:
                // The marking travels; a name or a credential in the value makes the copy secret by itself, and
                // masks the same way in the new environment as in the old.
                value = text;
                secret |= InputObject.MarkedSecret;
                break;
            case SecureString secure:
                // Any SecureString means the user treats the value as a secret.
                value = ConfigEntryFactory.ToPlainText(secure);
                secret = true;
                break;
            case PSObject { BaseObject: SecureString secure }:
                value = ConfigEntryFactory.ToPlainText(secure);
                secret = true;
                break;
            case null:
                value = null;
                break;
            case bool flag:
                // The spelling every schema and most apps expect, not .NET's "True".
                value = flag ? "true" : "false";
                break;
            case PSObject { BaseObject: bool flag }:
                value = flag ? "true" : "false";
                break;
            case var other:
                value = LanguagePrimitives.ConvertTo<string>(other);
                break;
        }

        if (value is null)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.ConfigValueMissing, new PSArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.SetConfigNoValue, Name)), Name));
            return;
        }

        // A NUL cannot be written so that any reader reads it back (every later read of the file would fail).
        if (value.Contains('\0', System.StringComparison.Ordinal))
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.ConfigValueInvalid, new PSArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.SetConfigValueHasNul, Name)), Name));
            return;
        }

        // A name that already says "secret" needs no annotation; an explicit -Secret on any other name does.
        bool annotate = secret && !SecretClassifier.IsSecretName(Name);
        string file = TargetFile();
        if (!ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.TargetIn, Name, file), Strings.SetConfigAction))
        {
            return;
        }

        try
        {
            bool isNew = EnvFileEditor.SetValue(file, Name, value, annotate, Force, CancellationToken);
            WriteVerbose(isNew ? string.Format(CultureInfo.CurrentCulture, Strings.SetConfigAddedKey, Name, file) : string.Format(CultureInfo.CurrentCulture, Strings.SetConfigUpdatedKey, Name, file));
        }
        catch (ConfigFileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        if (PassThru)
        {
            var written = EnvFileReader.ReadLayer(file).Find(Name)!;
            var resolved = new ConfigValue(Name, value, annotate || written.IsSecretMarked, ConfigSource.FromFile(file, written.Line), System.Array.Empty<ConfigSource>());
            WriteObject(ConfigEntryFactory.Create(resolved, Path is null ? EffectiveEnvironment(Environment) : null, asPlainText: false));
        }
    }
}
