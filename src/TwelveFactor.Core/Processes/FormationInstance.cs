using System.Globalization;

namespace TwelveFactor.Core.Processes;

/// <summary>One process of a formation: <c>web.2</c> on port 5001.</summary>
/// <param name="Type">Its process type.</param>
/// <param name="Number">Its 1-based number within the type.</param>
/// <param name="Port">The PORT it is given.</param>
public sealed record FormationInstance(ProcessTypeDefinition Type, int Number, int Port)
{
    /// <summary>The instance's name, as foreman prints it and sets it in <c>PS</c>: <c>web.1</c>.</summary>
    public string Name => Type.Name + "." + Number.ToString(CultureInfo.InvariantCulture);
}
