using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CognitoAdminAuth.Aws;

namespace CognitoAdminAuth.Completion
{
    /// <summary>Completes a constant-class parameter from its known values, case-insensitively by prefix.</summary>
    public abstract class ConstantCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Values
                .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }

    public sealed class AuthFlowCompleter : ConstantCompleter
    {
        protected override IEnumerable<string> Values => SdkTypes.KnownValues(SdkTypes.Named(SdkTypes.AuthFlowTypeName));
    }

    public sealed class ChallengeNameCompleter : ConstantCompleter
    {
        protected override IEnumerable<string> Values => SdkTypes.KnownValues(SdkTypes.Named(SdkTypes.ChallengeNameTypeName));
    }
}
