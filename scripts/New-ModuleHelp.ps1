<#
.SYNOPSIS
    Generates the module's MAML help file (CognitoAdminAuth.dll-Help.xml) from the markdown in module/help and
    the metadata of the BUILT cmdlets.
.DESCRIPTION
    One source, two halves:
    * the words (synopsis, description, examples, parameter descriptions, outputs, notes, links) come from
      module/help/<Cmdlet>.md, a platyPS-like markdown;
    * the facts (syntax, parameter types, required?, position, pipeline input, aliases, default values, output
      types) come from the compiled cmdlets, read with Get-Command in a child 'pwsh -NoProfile' that imports the
      built module (so the build process never loads the assembly and the help can never disagree with the code).

    Positions are written 1-based, as AWS Tools for PowerShell's own help and command reference write them: the
    first positional parameter (C# Position = 0) shows as "Position? 1".

    The markdown (one <Cmdlet>.md per cmdlet, platyPS-like):
        # <Cmdlet-Name>
        ## SYNOPSIS / ## DESCRIPTION / ## NOTES     paragraphs; '- ' items become their own paragraphs
        ## EXAMPLES      '### Example N: title', one ```powershell block, then the explanation
        ## PARAMETERS    '### -Name' and its description only (the facts come from the cmdlet); a parameter the file
                         leaves out takes its description from shared/CommonParameters.md (credentials, region,
                         -WhatIf, ...), where one is written once for every service cmdlet
        ## INPUTS        '### <type name>' and a description
        ## OUTPUTS       '### <type name>' for each [OutputType] of the cmdlet ('### None' when it has none)
        ## RELATED LINKS '- [text](uri)' lines (an empty uri for another cmdlet's name)
    A '## SYNTAX' section is allowed but ignored: the syntax is generated.

    The build fails, listing every problem at once, when a markdown file documents a parameter the cmdlet does
    not have, when a cmdlet parameter (other than PowerShell's common parameters) has no description, or when
    a file is malformed (missing synopsis/description, an example without exactly one code block, ...).
    The XML is produced with System.Xml.XmlWriter; never edit the generated file.
.PARAMETER ModulePath
    The built module folder (out/CognitoAdminAuth).
.PARAMETER HelpSource
    The folder of <Cmdlet>.md files (module/help).
.PARAMETER OutFile
    The MAML file to write, normally <ModulePath>/CognitoAdminAuth.dll-Help.xml.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModulePath = (Resolve-Path $ModulePath).ProviderPath
$HelpSource = (Resolve-Path $HelpSource).ProviderPath

#region Cmdlet metadata (child process)

# Runs in a child pwsh: imports the built module and describes each exported cmdlet as JSON.
$collectMetadata = {
    param([string] $ModulePath)
    $ErrorActionPreference = 'Stop'
    try {
        $module = Import-Module $ModulePath -PassThru -Force
        $common = [System.Management.Automation.Cmdlet]::CommonParameters

        function Get-TypeNames([type] $Type) {
            $shown = $Type
            $full = $Type.FullName
            $underlying = [Nullable]::GetUnderlyingType($Type)
            if ($underlying) { $shown = $underlying; $full = "System.Nullable``1[$($underlying.FullName)]" }
            @{ Display = $shown.Name; Full = $full }
        }

        $commands = foreach ($cmd in $module.ExportedCmdlets.Values) {
            # Default values are read off a fresh instance of the cmdlet class (e.g. -Select defaults to '*').
            $instance = $null
            try { $instance = [Activator]::CreateInstance($cmd.ImplementingType) } catch { }

            $parameters = foreach ($p in $cmd.Parameters.Values) {
                if ($p.Name -in $common) { continue }
                $sets = foreach ($setName in $p.ParameterSets.Keys) {
                    $s = $p.ParameterSets[$setName]
                    [ordered]@{
                        Name = $setName; Mandatory = $s.IsMandatory; Position = $s.Position
                        ByValue = $s.ValueFromPipeline; ByPropertyName = $s.ValueFromPipelineByPropertyName
                        RemainingArguments = $s.ValueFromRemainingArguments
                    }
                }
                $default = $null
                if ($instance) {
                    $property = $cmd.ImplementingType.GetProperty($p.Name)
                    if ($property) { try { $default = $property.GetValue($instance) } catch { } }
                }
                $defaultText = if ($p.SwitchParameter) { 'False' } elseif ($null -eq $default -or "$default" -eq '') { 'None' } else { "$default" }
                $types = Get-TypeNames $p.ParameterType
                [ordered]@{
                    Name = $p.Name; TypeDisplay = $types.Display; TypeFull = $types.Full; IsSwitch = $p.SwitchParameter
                    Aliases = @($p.Aliases); Default = $defaultText
                    Globbing = [bool]@($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
                    Sets = @($sets)
                }
            }
            $setOrder = foreach ($set in $cmd.ParameterSets) {
                [ordered]@{ Name = $set.Name; IsDefault = $set.IsDefault; Parameters = @($set.Parameters.Name | Where-Object { $_ -notin $common }) }
            }
            [ordered]@{
                Name = $cmd.Name; Verb = $cmd.Verb; Noun = $cmd.Noun; ImplementingType = $cmd.ImplementingType.FullName
                OutputTypes = @($cmd.OutputType | ForEach-Object Name); Parameters = @($parameters); ParameterSets = @($setOrder)
            }
        }
        ConvertTo-Json -InputObject @($commands) -Depth 8 -Compress
    } catch {
        [Console]::Error.WriteLine("Reading the cmdlets of ${ModulePath} failed: $_")
        exit 1
    }
}

$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$json = & $pwsh -NoProfile -NonInteractive -Command $collectMetadata -args $ModulePath
if ($LASTEXITCODE -ne 0) { throw "New-ModuleHelp: could not read the cmdlets of the built module at $ModulePath (exit code $LASTEXITCODE)." }
$metadata = @{}
foreach ($c in ($json | ConvertFrom-Json)) { $metadata[$c.Name] = $c }

#endregion

#region Markdown

# One help source file: '# Name', '## SECTION' and '### Sub heading' blocks, with fenced code kept verbatim.
function Read-HelpMarkdown([string] $Path) {
    $leaf = Split-Path $Path -Leaf
    $doc = [ordered]@{ Name = $null; Sections = [ordered]@{} }
    $section = $null; $sub = $null
    $inFence = $false
    $lineNumber = 0
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        $lineNumber++
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        elseif (-not $inFence -and $line -match '^(#{1,3})\s+(.+?)\s*$') {
            $level = $Matches[1].Length; $title = $Matches[2]
            switch ($level) {
                1 { $doc.Name = $title; $section = $null; $sub = $null }
                2 {
                    $key = $title.ToUpperInvariant()
                    if ($doc.Sections.Contains($key)) { throw "${leaf}:${lineNumber}: section '## $title' appears twice" }
                    $section = [ordered]@{ Title = $key; Lines = [Collections.Generic.List[string]]::new(); Subs = [Collections.Generic.List[object]]::new() }
                    $doc.Sections[$key] = $section; $sub = $null
                }
                3 {
                    if (-not $section) { throw "${leaf}:${lineNumber}: '### $title' outside a '##' section" }
                    $sub = [ordered]@{ Title = $title; Line = $lineNumber; Lines = [Collections.Generic.List[string]]::new() }
                    $section.Subs.Add($sub)
                }
            }
            continue
        }
        if ($sub) { $sub.Lines.Add($line) } elseif ($section) { $section.Lines.Add($line) }
    }
    if ($inFence) { throw "${leaf}: a ``````` code block is not closed" }
    $doc
}

# Plain text for Get-Help: links become 'text (url)'; everything else (code spans too) is kept as written.
function ConvertFrom-InlineMarkdown([string] $Text) {
    [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]*)\)', { param($m) if ($m.Groups[2].Value) { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value } })
}

# Paragraphs: blank lines separate them, each list item ('- ', '* ', '1. ') is its own paragraph, wrapped lines join.
function ConvertTo-Paragraphs([string[]] $Lines) {
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = $null
    foreach ($line in $Lines) {
        $trimmed = $line.Trim()
        if (-not $trimmed) {
            if ($null -ne $current) { $paragraphs.Add($current); $current = $null }
        } elseif ($trimmed -match '^([-*]|\d+\.)\s+(.*)$') {
            if ($null -ne $current) { $paragraphs.Add($current) }
            $bullet = $Matches[1] -match '^\d' ? $Matches[1] : '-'
            $current = "$bullet $($Matches[2])"
        } else {
            $current = if ($null -eq $current) { $trimmed } else { "$current $trimmed" }
        }
    }
    if ($null -ne $current) { $paragraphs.Add($current) }
    @($paragraphs | ForEach-Object { ConvertFrom-InlineMarkdown $_ })
}

# An example: exactly one ```powershell code block; all other text becomes the remarks.
function Split-Example([string[]] $Lines) {
    $code = [Collections.Generic.List[string]]::new()
    $text = [Collections.Generic.List[string]]::new()
    $blocks = 0; $inFence = $false; $language = $null
    foreach ($line in $Lines) {
        if ($line -match '^\s*```\s*(\S*)') {
            if (-not $inFence) { $blocks++; $language = $Matches[1] }
            $inFence = -not $inFence
            continue
        }
        if ($inFence) { $code.Add($line) } else { $text.Add($line) }
    }
    @{ Blocks = $blocks; Language = $language; Code = ($code -join "`n").Trim("`n"); Remarks = ConvertTo-Paragraphs $text }
}

#endregion

#region Merge and validate

$knownSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$problems = [Collections.Generic.List[string]]::new()
$topics = [Collections.Generic.List[object]]::new()

$files = @(Get-ChildItem -Path $HelpSource -Filter '*.md' -File | Sort-Object Name)
if (-not $files) { throw "New-ModuleHelp: no help source (*.md) in $HelpSource" }

# The descriptions of the parameters every service cmdlet shares, for the files that do not describe them.
$sharedParameters = @{}
$sharedFile = Join-Path $HelpSource 'shared/CommonParameters.md'
if (Test-Path $sharedFile) {
    foreach ($sub in (Read-HelpMarkdown $sharedFile).Sections['PARAMETERS'].Subs) {
        if ($sub.Title -match '^-(\S+)$') { $sharedParameters[$Matches[1]] = @(ConvertTo-Paragraphs $sub.Lines) }
    }
}

foreach ($file in $files) {
    $where = $file.Name
    try { $doc = Read-HelpMarkdown $file.FullName } catch { $problems.Add($_.Exception.Message); continue }
    $name = $doc.Name
    if (-not $name) { $problems.Add("${where}: no '# <Cmdlet-Name>' heading"); continue }
    if ($name -ne $file.BaseName) { $problems.Add("${where}: the heading names '$name'; the file must be named after the cmdlet it documents") }
    $cmd = $metadata[$name]
    if (-not $cmd) { $problems.Add("${where}: documents '$name', which the module does not export"); continue }

    foreach ($key in $doc.Sections.Keys) {
        if ($key -notin $knownSections) { $problems.Add("${where}: unknown section '## $key' (expected one of: $($knownSections -join ', '))") }
        elseif ($key -notin 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS' -and $doc.Sections[$key].Subs.Count) {
            $problems.Add("${where}:$($doc.Sections[$key].Subs[0].Line): '### $($doc.Sections[$key].Subs[0].Title)' under '## $key', which takes no '###' headings")
        }
    }
    function Get-SectionParagraphs([string] $Key) {
        if ($doc.Sections.Contains($Key)) { ConvertTo-Paragraphs $doc.Sections[$Key].Lines } else { @() }
    }

    $synopsis = @(Get-SectionParagraphs 'SYNOPSIS')
    $description = @(Get-SectionParagraphs 'DESCRIPTION')
    if (-not $synopsis) { $problems.Add("${where}: '## SYNOPSIS' is missing or empty") }
    if (-not $description) { $problems.Add("${where}: '## DESCRIPTION' is missing or empty") }

    # Parameters: the markdown gives the words, the cmdlet the facts; both sides must match exactly.
    $described = @{}
    if ($doc.Sections.Contains('PARAMETERS')) {
        foreach ($sub in $doc.Sections['PARAMETERS'].Subs) {
            if ($sub.Title -notmatch '^-(\S+)$') { $problems.Add("${where}:$($sub.Line): parameter heading '### $($sub.Title)' must be '### -Name'"); continue }
            $pName = $Matches[1]
            $meta = @($cmd.Parameters | Where-Object Name -eq $pName)
            if (-not $meta) {
                $alias = @($cmd.Parameters | Where-Object { $_.Aliases -contains $pName })
                $problems.Add("${where}:$($sub.Line): documents parameter -$pName, which $name does not have" +
                    $(if ($alias) { " (it is an alias of -$($alias[0].Name): document the parameter under its name)" }
                      elseif ($pName -in [System.Management.Automation.Cmdlet]::CommonParameters) { ' (a PowerShell common parameter: see about_CommonParameters)' } else { '' }))
                continue
            }
            if ($described.ContainsKey($meta[0].Name)) { $problems.Add("${where}:$($sub.Line): parameter -$pName is documented twice"); continue }
            $text = @(ConvertTo-Paragraphs $sub.Lines)
            if (-not $text) { $problems.Add("${where}:$($sub.Line): parameter -$pName has an empty description"); continue }
            $described[$meta[0].Name] = $text
        }
    }
    foreach ($p in $cmd.Parameters) {
        if (-not $described.ContainsKey($p.Name) -and $sharedParameters.ContainsKey($p.Name)) { $described[$p.Name] = $sharedParameters[$p.Name] }
        if (-not $described.ContainsKey($p.Name)) { $problems.Add("${where}: parameter -$($p.Name) of $name has no description (add '### -$($p.Name)' under '## PARAMETERS')") }
    }

    $examples = [Collections.Generic.List[object]]::new()
    if ($doc.Sections.Contains('EXAMPLES')) {
        foreach ($sub in $doc.Sections['EXAMPLES'].Subs) {
            $e = Split-Example $sub.Lines
            if ($e.Blocks -ne 1 -or -not $e.Code -or $e.Language -ne 'powershell') {
                $problems.Add("${where}:$($sub.Line): example '$($sub.Title)' must have exactly one non-empty ``````powershell code block (found $($e.Blocks) block(s), language '$($e.Language)')"); continue
            }
            if ($sub.Title -notmatch '^Example \d+: \S') { $problems.Add("${where}:$($sub.Line): example heading '### $($sub.Title)' must read '### Example N: title'") }
            $examples.Add(@{ Title = $sub.Title; Code = $e.Code; Remarks = $e.Remarks })
        }
    }
    if (-not $examples.Count) { $problems.Add("${where}: '## EXAMPLES' has no '### Example N: title' with a code block") }

    # Outputs: the types come from the cmdlet's [OutputType]; the markdown describes each of them ('### None' if none).
    $outputs = [Collections.Generic.List[object]]::new()
    $declared = @($cmd.OutputTypes)
    $outputText = @{}
    if ($doc.Sections.Contains('OUTPUTS')) {
        foreach ($sub in $doc.Sections['OUTPUTS'].Subs) { $outputText[$sub.Title] = @(ConvertTo-Paragraphs $sub.Lines) }
    }
    foreach ($type in $declared) {
        if (-not $outputText.ContainsKey($type)) { $problems.Add("${where}: output type $type (from [OutputType]) has no '### $type' under '## OUTPUTS'") }
        else { $outputs.Add(@{ Type = $type; Text = $outputText[$type] }) }
    }
    foreach ($title in $outputText.Keys) {
        if ($title -eq 'None' -and -not $declared) { $outputs.Add(@{ Type = 'None'; Text = $outputText[$title] }) }
        elseif ($title -notin $declared) { $problems.Add("${where}: '## OUTPUTS' names $title, which is not an [OutputType] of $name ($(if ($declared) { $declared -join ', ' } else { 'none declared: use ### None' }))") }
    }

    $inputs = @(if ($doc.Sections.Contains('INPUTS')) { foreach ($sub in $doc.Sections['INPUTS'].Subs) { @{ Type = $sub.Title; Text = @(ConvertTo-Paragraphs $sub.Lines) } } })

    $links = @(if ($doc.Sections.Contains('RELATED LINKS')) {
        foreach ($line in $doc.Sections['RELATED LINKS'].Lines) {
            $t = ($line.Trim() -replace '^[-*]\s+', '')
            if (-not $t) { continue }
            if ($t -match '^\[([^\]]+)\]\(([^)]*)\)$') { @{ Text = $Matches[1]; Uri = $Matches[2] } } else { @{ Text = $t; Uri = '' } }
        }
    })

    $topics.Add(@{
        Command = $cmd; Synopsis = $synopsis; Description = $description; Parameters = $described; Examples = $examples
        Inputs = $inputs; Outputs = $outputs; Notes = @(Get-SectionParagraphs 'NOTES'); Links = $links
    })
}

foreach ($missing in ($metadata.Keys | Where-Object { $_ -notin $files.BaseName } | Sort-Object)) {
    Write-Warning "New-ModuleHelp: $missing has no help source ($missing.md); Get-Help will show only its syntax."
}

if ($problems.Count) {
    # One line per problem on the console (an exception message gets re-wrapped there), and all of them in the error.
    $list = ($problems | ForEach-Object { "  - $_" }) -join "`n"
    Write-Host "New-ModuleHelp: $($problems.Count) problem(s) between the help in $HelpSource and the built cmdlets:`n$list" -ForegroundColor Red
    throw "New-ModuleHelp: the help in $HelpSource does not match the cmdlets of the built module ($($problems.Count) problem(s)):`n$list"
}

#endregion

#region MAML

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Get-PipelineInput($Set) {
    if ($Set.ByValue -and $Set.ByPropertyName) { 'True (ByValue, ByPropertyName)' }
    elseif ($Set.ByValue) { 'True (ByValue)' }
    elseif ($Set.ByPropertyName) { 'True (ByPropertyName)' }
    else { 'False' }
}

# The facts of a parameter in one parameter set (or, for the PARAMETERS section, over all its sets).
function Get-ParameterFacts($Parameter, [string] $SetName) {
    $sets = @($Parameter.Sets | Where-Object { -not $SetName -or $_.Name -eq $SetName -or $_.Name -eq '__AllParameterSets' })
    $first = $sets[0]
    $position = if ($first.Position -ge 0) { [string]($first.Position + 1) } else { 'Named' }
    @{
        # Required only when mandatory in every set it belongs to.
        Required       = (-not @($sets | Where-Object { -not $_.Mandatory }).Count).ToString().ToLowerInvariant()
        Position       = $position
        PipelineInput  = Get-PipelineInput $first
        VariableLength = ([bool]$first.RemainingArguments).ToString().ToLowerInvariant()
        Aliases        = if ($Parameter.Aliases) { $Parameter.Aliases -join ', ' } else { 'none' }
        Globbing       = ([bool]$Parameter.Globbing).ToString().ToLowerInvariant()
    }
}

function Write-Paragraphs([System.Xml.XmlWriter] $W, [string] $Element, [string[]] $Paragraphs) {
    $prefix, $local = $Element.Split(':')
    $W.WriteStartElement($prefix, $local, $ns[$prefix])
    foreach ($para in @($Paragraphs)) { $W.WriteElementString('maml', 'para', $ns.maml, $para) }
    $W.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $W, $Parameter, $Facts, [string[]] $Description, [bool] $InSyntax) {
    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', $Facts.Required)
    $W.WriteAttributeString('variableLength', $Facts.VariableLength)
    $W.WriteAttributeString('globbing', $Facts.Globbing)
    $W.WriteAttributeString('pipelineInput', $Facts.PipelineInput)
    $W.WriteAttributeString('position', $Facts.Position)
    $W.WriteAttributeString('aliases', $Facts.Aliases)
    $W.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
    if (-not $InSyntax) { Write-Paragraphs $W 'maml:description' $Description }
    # A switch has no value: without parameterValue the syntax shows [-Force], not [-Force <SwitchParameter>].
    if (-not ($InSyntax -and $Parameter.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', ($Parameter.IsSwitch ? 'false' : 'true'))
        $W.WriteAttributeString('variableLength', $Facts.VariableLength)
        $W.WriteString($Parameter.TypeDisplay)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $ns.dev)
    $W.WriteElementString('maml', 'name', $ns.maml, $Parameter.TypeFull)
    $W.WriteElementString('maml', 'uri', $ns.maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $ns.dev, $Parameter.Default)
    $W.WriteEndElement()
}

function Write-Type([System.Xml.XmlWriter] $W, [string] $Wrapper, [string] $Type, [string[]] $Text) {
    $W.WriteStartElement('command', $Wrapper, $ns.command)
    $W.WriteStartElement('dev', 'type', $ns.dev)
    $W.WriteElementString('maml', 'name', $ns.maml, $Type)
    $W.WriteEndElement()
    Write-Paragraphs $W 'maml:description' $Text
    $W.WriteEndElement()
}

# Syntax order as PowerShell shows it: positional parameters by position, then mandatory ones, then the rest.
function Get-SyntaxOrder($Command, $Set) {
    $inSet = @($Command.Parameters | Where-Object { $_.Name -in $Set.Parameters })
    $facts = @{}; foreach ($p in $inSet) { $facts[$p.Name] = Get-ParameterFacts $p $Set.Name }
    $positional = @($inSet | Where-Object { $facts[$_.Name].Position -ne 'Named' } | Sort-Object { [int]$facts[$_.Name].Position })
    $mandatory = @($inSet | Where-Object { $facts[$_.Name].Position -eq 'Named' -and $facts[$_.Name].Required -eq 'true' })
    $optional = @($inSet | Where-Object { $facts[$_.Name].Position -eq 'Named' -and $facts[$_.Name].Required -ne 'true' })
    foreach ($p in $positional + $mandatory + $optional) { @{ Parameter = $p; Facts = $facts[$p.Name] } }
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"

$outDir = Split-Path $OutFile -Parent
if ($outDir) { New-Item -ItemType Directory -Force -Path $outDir | Out-Null }
$tempFile = "$OutFile.tmp"
$w = [System.Xml.XmlWriter]::Create($tempFile, $settings)
try {
    $w.WriteStartDocument()
    $w.WriteComment(' Generated by scripts/New-ModuleHelp.ps1 from module/help/*.md and the built cmdlets. Do not edit. ')
    $w.WriteStartElement('helpItems', $ns.msh)
    $w.WriteAttributeString('schema', 'maml')
    foreach ($topic in ($topics | Sort-Object { $_.Command.Name })) {
        $cmd = $topic.Command
        $w.WriteStartElement('command', 'command', $ns.command)
        foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $w.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

        $w.WriteStartElement('command', 'details', $ns.command)
        $w.WriteElementString('command', 'name', $ns.command, $cmd.Name)
        $w.WriteElementString('command', 'verb', $ns.command, $cmd.Verb)
        $w.WriteElementString('command', 'noun', $ns.command, $cmd.Noun)
        Write-Paragraphs $w 'maml:description' $topic.Synopsis
        $w.WriteEndElement()

        Write-Paragraphs $w 'maml:description' $topic.Description

        $w.WriteStartElement('command', 'syntax', $ns.command)
        foreach ($set in ($cmd.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)) {
            $w.WriteStartElement('command', 'syntaxItem', $ns.command)
            $w.WriteElementString('maml', 'name', $ns.maml, $cmd.Name)
            foreach ($item in (Get-SyntaxOrder $cmd $set)) { Write-Parameter $w $item.Parameter $item.Facts $null $true }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'parameters', $ns.command)
        foreach ($p in ($cmd.Parameters | Sort-Object Name)) {
            Write-Parameter $w $p (Get-ParameterFacts $p $null) $topic.Parameters[$p.Name] $false
        }
        $w.WriteEndElement()

        if ($topic.Inputs) {
            $w.WriteStartElement('command', 'inputTypes', $ns.command)
            foreach ($i in $topic.Inputs) { Write-Type $w 'inputType' $i.Type $i.Text }
            $w.WriteEndElement()
        }
        $w.WriteStartElement('command', 'returnValues', $ns.command)
        foreach ($o in $topic.Outputs) { Write-Type $w 'returnValue' $o.Type $o.Text }
        $w.WriteEndElement()

        if ($topic.Notes) {
            $w.WriteStartElement('maml', 'alertSet', $ns.maml)
            Write-Paragraphs $w 'maml:alert' $topic.Notes
            $w.WriteEndElement()
        }

        $w.WriteStartElement('command', 'examples', $ns.command)
        foreach ($example in $topic.Examples) {
            $w.WriteStartElement('command', 'example', $ns.command)
            $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $($example.Title) --------------------------")
            $w.WriteElementString('dev', 'code', $ns.dev, $example.Code)
            # The trailing empty paragraph separates the remarks from the next example's title on screen.
            Write-Paragraphs $w 'dev:remarks' (@($example.Remarks) + '')
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'relatedLinks', $ns.command)
        foreach ($link in $topic.Links) {
            $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
            $w.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
            $w.WriteElementString('maml', 'uri', $ns.maml, $link.Uri)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteEndElement() # command:command
    }
    $w.WriteEndElement() # helpItems
    $w.WriteEndDocument()
} finally {
    $w.Dispose()
}

# Well-formed by construction; parse it once more so that a broken file can never be shipped.
[xml](Get-Content -Raw $tempFile) | Out-Null
Move-Item -Force $tempFile $OutFile
Write-Host "Help for $($topics.Count) cmdlet(s) written to $OutFile"

#endregion
