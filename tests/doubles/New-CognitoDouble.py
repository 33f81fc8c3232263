#!/usr/bin/env python3
"""Writes the C# source of a TEST DOUBLE of the AWS SDK for .NET assembly AWSSDK.CognitoIdentityProvider
(SDK V4 conventions, as AWS.Tools V5 ships it), generated from botocore's cognito-idp model.

    python3 New-CognitoDouble.py [--wheels DIR_OR_WHEEL] [-o OUT.cs]

The model is read straight out of the botocore wheel (no install): botocore/data/cognito-idp/<latest date>/
service-2.json (or .json.gz, as recent wheels store it). Standard library only.
"""
import argparse
import glob
import gzip
import json
import os
import re
import sys
import zipfile

SERVICE = 'cognito-idp'
NS = 'Amazon.CognitoIdentityProvider'
MODEL_NS = NS + '.Model'
BASE_EXCEPTION = 'AmazonCognitoIdentityProviderException'
BASE_REQUEST = 'AmazonCognitoIdentityProviderRequest'


def fail(message):
    # The prefix lets the MSBuild Exec task report the line as a build error, visible even at -v quiet.
    sys.exit(f'New-CognitoDouble: error: {message}')


def find_wheel(path):
    """A wheel file as given, or the newest botocore wheel of a folder (compared by version numbers)."""
    if os.path.isfile(path):
        return path
    wheels = glob.glob(os.path.join(path, 'botocore-*.whl'))
    if not wheels:
        fail(f'no botocore-*.whl in {path}')

    def version(w):
        return [int(p) if p.isdigit() else 0 for p in os.path.basename(w).split('-')[1].split('.')]
    return max(wheels, key=version)


def load_model(wheel):
    """The service-2 model of the latest API version folder, and the name it was read from."""
    with zipfile.ZipFile(wheel) as z:
        prefix = f'botocore/data/{SERVICE}/'
        candidates = [n for n in z.namelist()
                      if n.startswith(prefix) and re.search(r'/service-2\.json(\.gz)?$', n)]
        if not candidates:
            fail(f'{wheel} holds no {prefix}*/service-2.json')
        # API versions are dates (yyyy-mm-dd): the greatest string is the latest.
        name = max(candidates, key=lambda n: n[len(prefix):].split('/')[0])
        data = z.read(name)
    if name.endswith('.gz'):
        data = gzip.decompress(data)
    return json.loads(data), name


def pascal(name):
    """SDK member naming: the model's name with its first letter capitalised."""
    return name[:1].upper() + name[1:]


def enum_member(value):
    """SDK constant naming: 'phone_number' -> Phone_number, 'USER_SRP_AUTH' unchanged; non-identifier characters -> '_'."""
    ident = re.sub(r'[^A-Za-z0-9_]', '_', pascal(value))
    return '_' + ident if ident[:1].isdigit() else ident


def cs_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


class Generator:
    def __init__(self, model):
        self.shapes = model['shapes']
        self.ops = model['operations']
        self.inputs = {o['input']['shape']: name for name, o in self.ops.items() if 'input' in o}
        self.outputs = {o['output']['shape']: name for name, o in self.ops.items() if 'output' in o}

    def is_enum(self, shape_name):
        s = self.shapes[shape_name]
        return s['type'] == 'string' and 'enum' in s

    def is_document(self, shape_name):
        return bool(self.shapes[shape_name].get('document'))

    def cs_type(self, shape_name, in_collection=False):
        """The V4 SDK's property type for a shape. Value types are nullable at member level (V4), not inside
        collections; enums are ConstantClass members but plain strings inside lists and maps (as the SDK does)."""
        s = self.shapes[shape_name]
        t = s['type']
        opt = '' if in_collection else '?'
        if self.is_document(shape_name):
            return 'global::Amazon.Runtime.Documents.Document'
        if t == 'string':
            return f'global::{NS}.{shape_name}' if 'enum' in s and not in_collection else 'string'
        if t in ('integer', 'long', 'boolean', 'double', 'float'):
            return {'integer': 'int', 'long': 'long', 'boolean': 'bool', 'double': 'double', 'float': 'float'}[t] + opt
        if t == 'timestamp':
            return 'global::System.DateTime' + opt
        if t == 'blob':
            return 'global::System.IO.MemoryStream'
        if t == 'list':
            return f'global::System.Collections.Generic.List<{self.cs_type(s["member"]["shape"], True)}>'
        if t == 'map':
            return ('global::System.Collections.Generic.Dictionary<string, '
                    f'{self.cs_type(s["value"]["shape"], True)}>')
        if t == 'structure':
            return f'global::{MODEL_NS}.{self.class_name(shape_name)}'
        raise ValueError(f'unhandled shape type {t} ({shape_name})')

    def class_name(self, shape_name):
        """Operation inputs and outputs are named <Op>Request / <Op>Response, whatever the model calls them."""
        if shape_name in self.inputs:
            return self.inputs[shape_name] + 'Request'
        if shape_name in self.outputs:
            return self.outputs[shape_name] + 'Response'
        return shape_name

    def property_attribute(self, member, shape_name):
        """[AWSProperty] as the SDK puts it on members: Required, Sensitive, Min, Max."""
        s = self.shapes[shape_name]
        args = []
        if member.get('_required'):
            args.append('Required=true')
        if s.get('sensitive'):
            args.append('Sensitive=true')
        if 'min' in s and s['type'] in ('string', 'list', 'map', 'blob'):
            args.append(f'Min={int(s["min"])}')
        if 'max' in s and s['type'] in ('string', 'list', 'map', 'blob'):
            args.append(f'Max={int(s["max"])}')
        return f'        [global::Amazon.Runtime.Internal.AWSProperty({", ".join(args)})]\n' if args else ''

    def properties(self, shape, skip=()):
        out = []
        required = set(shape.get('required', []))
        for name, member in shape.get('members', {}).items():
            if name in skip:
                continue
            member = dict(member, _required=name in required)
            out.append(self.property_attribute(member, member['shape'])
                       + f'        public {self.cs_type(member["shape"])} {pascal(name)} {{ get; set; }}\n')
        return ''.join(out)

    def enum_class(self, name, values):
        consts = ''.join(f'        public static readonly {name} {enum_member(v)} = new {name}({cs_string(v)});\n'
                         for v in values)
        return (f'    public class {name} : global::Amazon.Runtime.ConstantClass\n    {{\n{consts}\n'
                f'        public {name}(string value) : base(value) {{ }}\n\n'
                f'        public static {name} FindValue(string value) {{ return FindValue<{name}>(value); }}\n\n'
                f'        public static implicit operator {name}(string value) {{ return FindValue(value); }}\n'
                '    }\n\n')

    @staticmethod
    def exception_ctors(name):
        """The SDK's five constructors of a service exception, each passing through to the base."""
        sigs = [
            ('string message', 'message'),
            ('string message, global::System.Exception innerException', 'message, innerException'),
            ('global::System.Exception innerException', 'innerException'),
            ('string message, global::System.Exception innerException, global::Amazon.Runtime.ErrorType errorType, '
             'string errorCode, string requestId, global::System.Net.HttpStatusCode statusCode',
             'message, innerException, errorType, errorCode, requestId, statusCode'),
            ('string message, global::Amazon.Runtime.ErrorType errorType, string errorCode, string requestId, '
             'global::System.Net.HttpStatusCode statusCode',
             'message, errorType, errorCode, requestId, statusCode'),
        ]
        return ''.join(f'        public {name}({p}) : base({a}) {{ }}\n' for p, a in sigs)

    def generate(self, source):
        enums = {n: s['enum'] for n, s in sorted(self.shapes.items()) if self.is_enum(n)}
        structures = {n: s for n, s in sorted(self.shapes.items())
                      if s['type'] == 'structure' and not s.get('document')}
        out = [HEADER.format(source=source), f'namespace {NS}\n{{\n']
        out.append(f'    /// <summary>Base of every Cognito service error (SDK: Amazon.CognitoIdentityProvider).</summary>\n'
                   f'    public class {BASE_EXCEPTION} : global::Amazon.Runtime.AmazonServiceException\n    {{\n'
                   + self.exception_ctors(BASE_EXCEPTION) + '    }\n\n')
        out.append(f'    /// <summary>Base of every request class.</summary>\n'
                   f'    public class {BASE_REQUEST} : global::Amazon.Runtime.AmazonWebServiceRequest\n    {{\n    }}\n\n')
        out.extend(self.enum_class(n, v) for n, v in enums.items())
        out.append(f'}}\n\nnamespace {MODEL_NS}\n{{\n')
        counts = {'request': 0, 'response': 0, 'exception': 0, 'structure': 0}
        for name, shape in structures.items():
            cls = self.class_name(name)
            if shape.get('exception'):
                # The message member is the exception's Message, as in the SDK; other members become properties.
                counts['exception'] += 1
                out.append(f'    public class {cls} : global::{NS}.{BASE_EXCEPTION}\n    {{\n'
                           + self.exception_ctors(cls) + self.properties(shape, skip=('message', 'Message'))
                           + '    }\n\n')
                continue
            if name in self.inputs:
                kind, base = 'request', f' : global::{NS}.{BASE_REQUEST}'
            elif name in self.outputs:
                kind, base = 'response', ' : global::Amazon.Runtime.AmazonWebServiceResponse'
            else:
                kind, base = 'structure', ''
            counts[kind] += 1
            out.append(f'    public class {cls}{base}\n    {{\n{self.properties(shape)}    }}\n\n')
        # Operations without an output shape still have a (member-less) <Op>Response in the SDK.
        for op, o in sorted(self.ops.items()):
            if 'output' not in o:
                counts['response'] += 1
                out.append(f'    public class {op}Response : global::Amazon.Runtime.AmazonWebServiceResponse\n    {{\n    }}\n\n')
            if 'input' not in o:
                counts['request'] += 1
                out.append(f'    public class {op}Request : global::{NS}.{BASE_REQUEST}\n    {{\n    }}\n\n')
        out.append('}\n')
        return ''.join(out), dict(counts, enum=len(enums))


HEADER = '''// <auto-generated>
// TEST DOUBLE of the AWS SDK for .NET assembly AWSSDK.CognitoIdentityProvider (SDK V4 conventions, as shipped
// with AWS.Tools V5). Generated by tests/doubles/New-CognitoDouble.py from botocore's model
// ({source}); do not edit, do not commit.
//
// It holds the model's types only: the service exception base and one exception class per error shape, one
// ConstantClass per enum, one class per structure, <Op>Request / <Op>Response per operation. It leaves out the
// client (AmazonCognitoIdentityProviderClient, its config and interfaces), the marshallers and unmarshallers,
// paginators, endpoint resolution and request signing: it makes no service calls of its own. The double
// cmdlets in AWS.Tools.CognitoIdentityProvider.Double.csproj do their own HTTP.
// </auto-generated>

'''


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--wheels', default=os.path.join(here, '..', '..', '..', 'shared', 'wheels'),
                    help='a botocore wheel, or a folder holding botocore-*.whl (default: ../../../shared/wheels)')
    ap.add_argument('-o', '--output', help='the .cs file to write (default: standard output)')
    args = ap.parse_args()

    wheel = find_wheel(os.path.normpath(args.wheels))
    model, name = load_model(wheel)
    source, counts = Generator(model).generate(f'{os.path.basename(wheel)}: {name}')
    if args.output:
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        with open(args.output, 'w', encoding='utf-8', newline='\n') as f:
            f.write(source)
        summary = ', '.join(f'{v} {k}' for k, v in counts.items())
        print(f'New-CognitoDouble: {os.path.basename(wheel)} {name.split("/")[-2]} -> {args.output} ({summary})')
    else:
        sys.stdout.write(source)


if __name__ == '__main__':
    main()
