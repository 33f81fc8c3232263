using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// A parameter whose type is one of the session's SDK types (AWSCredentials, AuthFlowType, HttpHeader[], ...),
    /// declared at run time because the type is only known then: the user's AWS SDK for .NET or the module's
    /// stand-ins (SessionAssemblies). Get-Command shows the same type AWS.Tools' cmdlet has, and values of that
    /// type bind without conversion.
    /// </summary>
    internal sealed class SdkParameter
    {
        private readonly Lazy<Type> _type;
        private readonly Collection<Attribute> _attributes;

        /// <param name="own">The operation's own parameter, which '-Select ^Name' may name (not a common one).</param>
        public SdkParameter(string name, Func<Type> type, bool own, ParameterAttribute binding, params Attribute[] attributes)
        {
            Name = name;
            Own = own;
            _type = new Lazy<Type>(type);
            _attributes = new Collection<Attribute>(new Attribute[] { binding }.Concat(attributes).ToList());
        }

        public string Name { get; }
        public bool Own { get; }

        public IEnumerable<string> Names => new[] { Name }.Concat(_attributes.OfType<AliasAttribute>().SelectMany(a => a.AliasNames));

        /// <summary>A fresh slot per invocation (the binder stores the value in it); the attributes are shared.</summary>
        public RuntimeDefinedParameter Declare() => new RuntimeDefinedParameter(Name, _type.Value, _attributes);

        public static RuntimeDefinedParameterDictionary DeclareAll(IEnumerable<SdkParameter> parameters)
        {
            var declared = new RuntimeDefinedParameterDictionary();
            foreach (var p in parameters) declared.Add(p.Name, p.Declare());
            return declared;
        }
    }
}
