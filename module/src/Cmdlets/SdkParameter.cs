using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// A parameter whose type is one of the session's SDK types (AWSCredentials, AuthFlowType, HttpHeader[], ...),
    /// known only at run time: the user's AWS SDK for .NET or the module's stand-ins (SessionAssemblies). Declared
    /// as a property of an <see cref="ISdkParameterSet"/> class; this names it for '-Select ^Name' and completion
    /// and reads its bound value.
    /// </summary>
    internal sealed class SdkParameter
    {
        private readonly Func<ISdkParameterSet, object> _value;

        /// <param name="declaredOn">The parameter-set class (its generic definition) whose property declares it, aliases included.</param>
        /// <param name="own">The operation's own parameter, which '-Select ^Name' may name (not a common one).</param>
        public SdkParameter(string name, Type declaredOn, bool own, Func<ISdkParameterSet, object> value)
        {
            Name = name;
            Own = own;
            _value = value;
            var property = declaredOn.GetProperty(name) ?? throw new ArgumentException($"{declaredOn.Name} declares no {name}.", nameof(name));
            Names = new[] { name }.Concat(property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)).ToArray();
        }

        public string Name { get; }
        public bool Own { get; }
        public IEnumerable<string> Names { get; }

        public object Value(ISdkParameterSet set) => set == null ? null : _value(set);
    }

    /// <summary>A cmdlet's parameter set class, closed over the session's SDK types once, and made per invocation.</summary>
    internal sealed class SdkParameterSetType
    {
        private readonly Lazy<Func<ISdkParameterSet>> _create;

        public SdkParameterSetType(Type definition, params Func<Type>[] typeArguments)
        {
            _create = new Lazy<Func<ISdkParameterSet>>(() =>
            {
                var closed = definition.MakeGenericType(typeArguments.Select(t => t()).ToArray());
                return Expression.Lambda<Func<ISdkParameterSet>>(Expression.Convert(Expression.New(closed), typeof(ISdkParameterSet))).Compile();
            });
        }

        public ISdkParameterSet Create() => _create.Value();
    }
}
