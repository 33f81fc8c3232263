using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using Amazon.PowerShell.Cmdlets.CGIP;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Completion
{
    /// <summary>
    /// Completes -Select as AWS.Tools does (spec §2.6): '*', the response's property paths (walking into a
    /// property's type, or its element type for collections, after a dot), then '^' and every parameter name
    /// except the secrets the module adds.
    /// </summary>
    public sealed class SelectCompleter : IArgumentCompleter
    {
        private static readonly Dictionary<string, (string Response, Type Cmdlet, IReadOnlyList<SdkParameter> Sdk)> Commands =
            new Dictionary<string, (string, Type, IReadOnlyList<SdkParameter>)>(StringComparer.OrdinalIgnoreCase)
            {
                ["Start-CGIPAuthAdmin"] = (SdkTypes.InitiateResponseName, typeof(StartCGIPAuthAdminCmdlet), StartCGIPAuthAdminCmdlet.Declared),
                ["Send-CGIPAuthChallengeResponseAdmin"] = (SdkTypes.RespondResponseName, typeof(SendCGIPAuthChallengeResponseAdminCmdlet), SendCGIPAuthChallengeResponseAdminCmdlet.Declared),
                ["Add-CGIPSoftwareToken"] = (SdkTypes.AssociateResponseName, typeof(AddCGIPSoftwareTokenCmdlet), CommonArgumentsCmdlet.CommonSdkParameters),
                ["Test-CGIPSoftwareToken"] = (SdkTypes.VerifyResponseName, typeof(TestCGIPSoftwareTokenCmdlet), CommonArgumentsCmdlet.CommonSdkParameters),
                ["Get-CGIPTokensFromRefreshToken"] = (SdkTypes.RefreshResponseName, typeof(GetCGIPTokensFromRefreshTokenCmdlet), CommonArgumentsCmdlet.CommonSdkParameters),
                ["Revoke-CGIPToken"] = (SdkTypes.RevokeResponseName, typeof(RevokeCGIPTokenCmdlet), CommonArgumentsCmdlet.CommonSdkParameters),
                ["Disconnect-CGIPUserGlobalAdmin"] = (SdkTypes.GlobalSignOutResponseName, typeof(DisconnectCGIPUserGlobalAdminCmdlet), CommonArgumentsCmdlet.CommonSdkParameters),
            };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            if (!Commands.TryGetValue(commandName ?? string.Empty, out var command)) return Enumerable.Empty<CompletionResult>();
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var parameters = ParameterNames(command.Cmdlet).Concat(command.Sdk.Select(p => p.Name)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            return Candidates(word, SdkTypes.Named(command.Response), parameters)
                .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c));
        }

        private static IEnumerable<string> Candidates(string word, Type response, IEnumerable<string> parameters)
        {
            if (word.StartsWith("^", StringComparison.Ordinal))
                return parameters.Select(n => "^" + n);
            var dot = word.LastIndexOf('.');
            if (dot < 0)
                return new[] { "*" }.Concat(PropertyNames(response)).Concat(parameters.Select(n => "^" + n));
            var type = Walk(response, word.Substring(0, dot).Split('.'));
            return type == null ? Enumerable.Empty<string>() : PropertyNames(type).Select(n => word.Substring(0, dot + 1) + n);
        }

        private static Type Walk(Type type, IEnumerable<string> segments)
        {
            foreach (var segment in segments)
            {
                var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
                if (property == null) return null;
                var t = property.PropertyType;
                type = t != typeof(string) && t.IsGenericType ? t.GetGenericArguments().Last() : t;
            }
            return type;
        }

        private static IEnumerable<string> PropertyNames(Type type) =>
            type == typeof(string) || type.IsPrimitive || type.Namespace == "System"
                ? Enumerable.Empty<string>()
                : type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);

        private static IEnumerable<string> ParameterNames(Type cmdlet) =>
            cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.IsDefined(typeof(ParameterAttribute)) && !p.IsDefined(typeof(SecretParameterAttribute)))
                .Select(p => p.Name);
    }
}
