#requires -Version 7.4
<#
.SYNOPSIS
    Generates the module's MAML help (en-US/TwelveFactor.dll-Help.xml) from docs/en-US/<Cmdlet>.md and the built module.
.DESCRIPTION
    Prose (synopsis, description, examples, parameter descriptions, inputs, outputs, notes, links) comes from the
    Markdown files, in platyPS's layout. Everything a reader could get wrong by hand comes from the built module
    itself through Get-Command: parameter sets (one SYNTAX line each), types, mandatory, positions, pipeline input,
    aliases, wildcard support, and default values (read from a new instance of the cmdlet class). build.ps1 runs it
    after every build; with -Check it writes nothing and fails when the committed help is stale or incomplete.
.PARAMETER ModulePath
    The built module's manifest; default out/TwelveFactor/TwelveFactor.psd1.
.PARAMETER Check
    Compare instead of write: exit 1 when en-US/TwelveFactor.dll-Help.xml differs from what would be generated, or
    when a cmdlet lacks prose.
.EXAMPLE
    dotnet pwsh ./tools/New-TfHelp.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/TwelveFactor/TwelveFactor.psd1'),
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs/en-US'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../en-US/TwelveFactor.dll-Help.xml'),
    [switch] $Check
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$standardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. Nothing is changed.'
    Confirm = 'Prompts for confirmation before each change.'
}

function Read-HelpMarkdown {
    <# Splits a platyPS-style Markdown file into its sections; '### ' headings become named entries. #>
    param([string] $Path)
    $doc = @{ Sections = [ordered]@{}; Problems = [Collections.Generic.List[string]]::new() }
    $section = $null
    $entry = $null
    $inFence = $false
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        if ($line.StartsWith('```')) { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $section = [ordered]@{ Text = [Text.StringBuilder]::new(); Entries = [ordered]@{} }
            $doc.Sections[$Matches[1].Trim()] = $section
            $entry = $null
            continue
        }
        if (-not $inFence -and $line -match '^### (.+)$' -and $section) {
            $entry = [Text.StringBuilder]::new()
            $section.Entries[$Matches[1].Trim()] = $entry
            continue
        }
        if ($entry) { [void]$entry.AppendLine($line) } elseif ($section) { [void]$section.Text.AppendLine($line) }
    }
    $doc
}

function ConvertTo-Para {
    <# Markdown paragraphs to MAML paras; a blank line separates paragraphs, single newlines join. #>
    param([string] $Text)
    $paragraphs = ($Text.Trim() -split '\r?\n\s*\r?\n') | Where-Object { $_.Trim() }
    ($paragraphs | ForEach-Object { '<maml:para>' + [Security.SecurityElement]::Escape((($_ -split '\r?\n') | ForEach-Object Trim) -join ' ') + '</maml:para>' }) -join ''
}

function Get-Example {
    <# Title, code (from the powershell fence) and remarks of one '### Example' entry. #>
    param([string] $Title, [string] $Body)
    $match = [regex]::Match($Body, '```powershell\r?\n(?<code>.*?)\r?\n```', 'Singleline')
    [pscustomobject]@{
        Title   = $Title -replace '^Example \d+:\s*', ''
        Code    = if ($match.Success) { $match.Groups['code'].Value } else { '' }
        Remarks = if ($match.Success) { $Body.Remove($match.Index, $match.Length) } else { $Body }
    }
}

function Get-DefaultValue {
    <# The property's value on a new instance of the cmdlet class: exactly the default the code has. #>
    param($Instance, [System.Management.Automation.ParameterMetadata] $Parameter)
    if ($Parameter.SwitchParameter) { return 'False' }
    if (-not $Instance) { return 'None' }
    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if (-not $property) { return 'None' }
    $value = $property.GetValue($Instance)
    if ($null -eq $value -or ($value -is [string] -and $value -eq '') -or ($value -is [Array] -and $value.Length -eq 0)) { return 'None' }
    if ($value -is [TimeSpan]) { return $value.ToString() }
    "$value"
}

function Get-TypeName {
    param([Type] $Type)
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { $Type = $Type.GetGenericArguments()[0] }
    $Type.FullName
}

function Get-ShortTypeName {
    param([Type] $Type)
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { $Type = $Type.GetGenericArguments()[0] }
    $Type.Name
}

function Get-ParameterXml {
    param($Command, $Instance, [string] $Name, $SetParameter, [hashtable] $Descriptions, [string] $Tag)
    $meta = $Command.Parameters[$Name]
    $attributes = $meta.Attributes
    $parameterAttributes = @($attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $inSet = if ($SetParameter) { @($SetParameter) } else { $parameterAttributes }
    $mandatory = if ($SetParameter) { $SetParameter.IsMandatory } else { [bool]($parameterAttributes | Where-Object Mandatory) }
    $positioned = @($parameterAttributes | Where-Object { $_.Position -ge 0 })
    $position = if ($SetParameter) { $SetParameter.Position } elseif ($positioned) { $positioned[0].Position } else { $null }
    $byValue = [bool]($inSet | Where-Object ValueFromPipeline)
    $byName = [bool]($inSet | Where-Object ValueFromPipelineByPropertyName)
    $pipeline = if ($byValue -and $byName) { 'true (ByValue, ByPropertyName)' } elseif ($byValue) { 'true (ByValue)' } elseif ($byName) { 'true (ByPropertyName)' } else { 'false' }
    $globbing = [bool]($attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $aliases = if ($meta.Aliases.Count) { $meta.Aliases -join ', ' } else { 'none' }
    $type = $meta.ParameterType
    $xml = "<$Tag required=`"$($mandatory.ToString().ToLowerInvariant())`" variableLength=`"$($type.IsArray.ToString().ToLowerInvariant())`" globbing=`"$($globbing.ToString().ToLowerInvariant())`" pipelineInput=`"$pipeline`" position=`"$(if ($null -ne $position -and $position -ge 0) { $position } else { 'named' })`" aliases=`"$aliases`">"
    $xml += "<maml:name>$Name</maml:name><maml:description>$(ConvertTo-Para $Descriptions[$Name])</maml:description>"
    if (-not $meta.SwitchParameter) {
        $xml += "<command:parameterValue required=`"true`" variableLength=`"false`">$([Security.SecurityElement]::Escape((Get-ShortTypeName $type)))</command:parameterValue>"
    }
    $xml += "<dev:type><maml:name>$([Security.SecurityElement]::Escape((Get-TypeName $type)))</maml:name></dev:type>"
    $xml += "<dev:defaultValue>$([Security.SecurityElement]::Escape((Get-DefaultValue $Instance $meta)))</dev:defaultValue></$Tag>"
    $xml
}

function Get-CommandXml {
    param($Command, [string] $DocsPath, [Collections.Generic.List[string]] $Problems)
    $name = $Command.Name
    $file = Join-Path $DocsPath "$name.md"
    if (-not (Test-Path -LiteralPath $file)) { $Problems.Add("$name has no $file"); return '' }
    $doc = Read-HelpMarkdown $file
    $sections = $doc.Sections
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $sections.Contains($required)) { $Problems.Add("${name}: no ## $required section") ; return '' }
    }

    $descriptions = @{}
    foreach ($key in $sections['PARAMETERS'].Entries.Keys) { $descriptions[$key.TrimStart('-')] = $sections['PARAMETERS'].Entries[$key].ToString().Trim() }
    $parameterNames = @($Command.Parameters.Keys | Where-Object { $_ -notin $commonParameters -or $_ -in 'WhatIf', 'Confirm' })
    foreach ($key in $standardText.Keys) { if ($key -in $parameterNames -and -not $descriptions[$key]) { $descriptions[$key] = $standardText[$key] } }
    foreach ($parameter in $parameterNames) {
        if (-not $descriptions[$parameter]) { $Problems.Add("${name}: parameter -$parameter has no description in $file") }
    }
    foreach ($documented in $descriptions.Keys) {
        if ($documented -notin $parameterNames) { $Problems.Add("${name}: $file describes -$documented, which the cmdlet does not have") }
    }

    $examples = @($sections['EXAMPLES'].Entries.Keys | ForEach-Object { Get-Example $_ $sections['EXAMPLES'].Entries[$_].ToString() })
    if (-not ($examples | Where-Object Code)) { $Problems.Add("${name}: no example with a powershell code block") }

    $instance = try { [Activator]::CreateInstance($Command.ImplementingType) } catch { $null }
    $out = [Text.StringBuilder]::new()
    [void]$out.Append('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    [void]$out.Append("<command:details><command:name>$name</command:name><maml:description>$(ConvertTo-Para $sections['SYNOPSIS'].Text.ToString())</maml:description><command:verb>$($Command.Verb)</command:verb><command:noun>$($Command.Noun)</command:noun></command:details>")
    [void]$out.Append("<maml:description>$(ConvertTo-Para $sections['DESCRIPTION'].Text.ToString())</maml:description>")
    [void]$out.Append('<command:syntax>')
    # One SYNTAX line per parameter set, the default first, so no line mixes parameters that cannot go together.
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)
    foreach ($set in $sets) {
        [void]$out.Append("<command:syntaxItem><maml:name>$name</maml:name>")
        $inSet = @($set.Parameters | Where-Object { $_.Name -notin $commonParameters -or $_.Name -in 'WhatIf', 'Confirm' } |
            Sort-Object { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory })
        foreach ($parameter in $inSet) {
            [void]$out.Append((Get-ParameterXml $Command $instance $parameter.Name $parameter $descriptions 'command:parameter'))
        }
        [void]$out.Append('</command:syntaxItem>')
    }
    [void]$out.Append('</command:syntax><command:parameters>')
    foreach ($parameter in $parameterNames) {
        [void]$out.Append((Get-ParameterXml $Command $instance $parameter $null $descriptions 'command:parameter'))
    }
    [void]$out.Append('</command:parameters><command:inputTypes>')
    if ($sections.Contains('INPUTS')) {
        foreach ($type in $sections['INPUTS'].Entries.Keys) {
            [void]$out.Append("<command:inputType><dev:type><maml:name>$([Security.SecurityElement]::Escape($type))</maml:name></dev:type><maml:description>$(ConvertTo-Para $sections['INPUTS'].Entries[$type].ToString())</maml:description></command:inputType>")
        }
    }
    [void]$out.Append('</command:inputTypes><command:returnValues>')
    $outputProse = if ($sections.Contains('OUTPUTS')) { $sections['OUTPUTS'].Entries } else { @{} }
    foreach ($type in @($Command.OutputType.Name)) {
        $prose = if ($outputProse.Contains($type)) { $outputProse[$type].ToString() } else { '' }
        [void]$out.Append("<command:returnValue><dev:type><maml:name>$([Security.SecurityElement]::Escape($type))</maml:name></dev:type><maml:description>$(ConvertTo-Para $prose)</maml:description></command:returnValue>")
    }
    [void]$out.Append('</command:returnValues>')
    if ($sections.Contains('NOTES') -and $sections['NOTES'].Text.ToString().Trim()) {
        [void]$out.Append("<maml:alertSet><maml:alert>$(ConvertTo-Para $sections['NOTES'].Text.ToString())</maml:alert></maml:alertSet>")
    }
    [void]$out.Append('<command:examples>')
    $number = 0
    foreach ($example in $examples) {
        $number++
        [void]$out.Append("<command:example><maml:title>--- Example ${number}: $([Security.SecurityElement]::Escape($example.Title)) ---</maml:title><dev:code>$([Security.SecurityElement]::Escape($example.Code))</dev:code><dev:remarks>$(ConvertTo-Para $example.Remarks)</dev:remarks></command:example>")
    }
    [void]$out.Append('</command:examples><command:relatedLinks>')
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($link in ($sections['RELATED LINKS'].Text.ToString() -split '\r?\n' | Where-Object { $_ -match '^\s*-\s+(.+)$' } | ForEach-Object { $Matches[1].Trim() })) {
            [void]$out.Append("<maml:navigationLink><maml:linkText>$([Security.SecurityElement]::Escape($link))</maml:linkText><maml:uri></maml:uri></maml:navigationLink>")
        }
    }
    [void]$out.Append('</command:relatedLinks></command:command>')
    $out.ToString()
}

Import-Module $ModulePath -Force -Verbose:$false
$problems = [Collections.Generic.List[string]]::new()
$commands = Get-Command -Module TwelveFactor -CommandType Cmdlet | Sort-Object Noun, Verb
$body = ($commands | ForEach-Object { Get-CommandXml $_ $DocsPath $problems }) -join "`n"
$xml = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n<!-- Generated by tools/New-TfHelp.ps1 from docs/en-US/*.md and the built module's metadata. Edit the Markdown, not this file. -->`n<helpItems schema=`"maml`" xmlns=`"http://msh`">`n$body`n</helpItems>`n"

foreach ($orphan in Get-ChildItem -LiteralPath $DocsPath -Filter '*-Tf*.md' | Where-Object { $_.BaseName -notin $commands.Name }) {
    $problems.Add("$($orphan.Name) documents a cmdlet the module does not export")
}

if ($problems.Count) {
    $problems | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    exit 1
}

$full = [IO.Path]::GetFullPath($OutputPath)
if ($Check) {
    $current = if (Test-Path -LiteralPath $full) { [IO.File]::ReadAllText($full) } else { '' }
    if ($current -ne $xml) {
        Write-Error "$full is stale: run 'dotnet pwsh ./tools/New-TfHelp.ps1' (build.ps1 does) and commit the result." -ErrorAction Continue
        exit 1
    }
    Write-Verbose "$full is current."
    exit 0
}

[IO.File]::WriteAllText($full, $xml, [Text.UTF8Encoding]::new($false))
Write-Verbose "Wrote help for $($commands.Count) cmdlets to $full"
