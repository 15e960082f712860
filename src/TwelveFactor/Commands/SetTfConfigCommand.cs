using System.Globalization;
using System.Management.Automation;
using System.Security;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// Sets one config value in an env file, in place and losslessly. Takes pipeline input by property name, so
/// <c>Get-TfConfig -Environment staging | Set-TfConfig -Environment production</c> copies config, secrets included
/// (through <see cref="ConfigEntry.SecureValue"/>, never through the masked text).
/// </summary>
[Cmdlet(VerbsCommon.Set, "TfConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ConfigEntry))]
public sealed class SetTfConfigCommand : ConfigFileCommand
{
    /// <summary>The key to set.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Key")]
    [ArgumentCompleter(typeof(ConfigKeyCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>The value: a string, or a SecureString (which also marks the key secret).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public object? Value { get; set; }

    /// <summary>The value as a SecureString; bound from Get-TfConfig's output so secrets copy unseen. Wins over -Value.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
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
        if (!ValidateKey(Name))
        {
            return;
        }

        string? value;
        bool secret = Secret.IsPresent;
        switch (SecureValue ?? Value)
        {
            case SecureString secure:
                value = ConfigEntryFactory.ToPlainText(secure);
                secret |= ReferenceEquals(secure, Value);
                break;
            case PSObject { BaseObject: SecureString secure }:
                value = ConfigEntryFactory.ToPlainText(secure);
                secret = true;
                break;
            case null:
                value = null;
                break;
            case var other:
                value = LanguagePrimitives.ConvertTo<string>(other);
                break;
        }

        if (value is null)
        {
            WriteError(new ErrorRecord(
                new PSArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.SetConfigNoValue, Name)),
                ErrorIds.ConfigValueMissing,
                ErrorCategory.InvalidArgument,
                Name));
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
            bool isNew = EnvFileEditor.SetValue(file, Name, value, annotate, CancellationToken);
            WriteVerbose(isNew ? string.Format(CultureInfo.CurrentCulture, Strings.SetConfigAddedKey, Name, file) : string.Format(CultureInfo.CurrentCulture, Strings.SetConfigUpdatedKey, Name, file));
        }
        catch (ConfigFileException ex)
        {
            WriteError(ConfigFileError(ex));
            return;
        }

        if (PassThru)
        {
            var written = EnvFileReader.Read(file).Find(Name)!;
            var resolved = new ConfigValue(Name, value, annotate || written.IsSecretMarked, ConfigSource.FromFile(file, written.Line), System.Array.Empty<ConfigSource>());
            WriteObject(ConfigEntryFactory.Create(resolved, Path is null ? EffectiveEnvironment(Environment) : null, asPlainText: false));
        }
    }
}
