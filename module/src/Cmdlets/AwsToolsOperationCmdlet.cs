using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// A cmdlet AWS.Tools has under the same name: -Select (and -PassThru where AWS.Tools V4 had it) with
    /// AWS.Tools' grammar and defaults.
    /// </summary>
    public abstract class AwsToolsOperationCmdlet : ServiceOperationCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.SelectCompleter))]
        public string Select { get; set; } = "*";

        /// <summary>-PassThru (AWS.Tools V4), where the cmdlet has it, and the parameter it passes through.</summary>
        private protected virtual bool PassThruRequested => false;
        private protected virtual string PassThruParameter => null;
        /// <summary>What is output when -Select is not given: '*', a member path, or null for nothing (AWS.Tools' void operations).</summary>
        private protected virtual string DefaultSelect => "*";

        /// <summary>-Select as given, -PassThru's '^Name', or the cmdlet's default (null: no output).</summary>
        private protected override Selector OutputSelector()
        {
            var selectBound = MyInvocation.BoundParameters.ContainsKey(nameof(Select));
            // The common case, on every call: nothing to parse, no parameter list to build.
            if (!selectBound && !PassThruRequested && DefaultSelect == "*") return Selector.Whole;
            var responseType = Operation.ResponseType;
            // AWS.Tools validates -Select first: an invalid one is reported before the -PassThru conflict.
            var selector = selectBound ? Selector.Parse(Select, responseType, OwnParameters()) : null;
            if (PassThruRequested)
            {
                if (selectBound) throw new ArgumentException("-PassThru cannot be used when -Select is specified.", nameof(Select));
                return Selector.Parse("^" + PassThruParameter, responseType, OwnParameters());
            }
            return selector ?? (DefaultSelect == null ? null : Selector.Parse(DefaultSelect, responseType, OwnParameters()));
        }

        /// <summary>What '-Select ^Name' may name: parameters declared here and on the concrete cmdlet (the SDK-typed
        /// ones included), but not the common ones or the secrets the module adds.</summary>
        private IEnumerable<Selector.Parameter> OwnParameters() =>
            DeclaredParameters(GetType()).Select(Selector.OfProperty)
                .Concat(SdkParameters.Where(p => p.Own).Select(p => new Selector.Parameter(p.Names, _ => Bound(p))));

        /// <summary>The parameters declared as properties from <paramref name="cmdlet"/> down to the common ones, secrets left out.</summary>
        private static IEnumerable<PropertyInfo> DeclaredParameters(Type cmdlet)
        {
            for (var t = cmdlet; t != typeof(CommonArgumentsCmdlet); t = t.BaseType)
                foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                    if (p.IsDefined(typeof(ParameterAttribute)) && !p.IsDefined(typeof(SecretParameterAttribute))) yield return p;
        }
    }
}
