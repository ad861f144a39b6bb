/**
 * .NET deps.json as the SDK writes it for a self-contained app (`dotnet publish -r linux-x64
 * --self-contained`): the bundled runtime as a "runtimepack" library, NuGet packages with runtime
 * assets, and packages the runtime target lists with no asset at all (a reference-only package, and
 * System.Net.Http 4.3.0, whose assembly the shared framework supersedes on .NET 6 and later).
 */
import { describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';

const dotnet = ANALYZERS.find((a) => a.id === 'dotnet') as Analyzer;

const SELF_CONTAINED = {
  runtimeTarget: { name: '.NETCoreApp,Version=v8.0/linux-x64', signature: '' },
  compilationOptions: {},
  targets: {
    '.NETCoreApp,Version=v8.0': {},
    '.NETCoreApp,Version=v8.0/linux-x64': {
      'Shop/1.0.0': {
        dependencies: { 'Newtonsoft.Json': '13.0.1', 'System.Net.Http': '4.3.0', 'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64': '8.0.2' },
        runtime: { 'Shop.dll': {} },
      },
      'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.2': {
        runtime: { 'System.Private.CoreLib.dll': { assemblyVersion: '8.0.0.0', fileVersion: '8.0.224.6711' } },
        native: { 'libSystem.Native.so': { fileVersion: '0.0.0.0' } },
      },
      'Newtonsoft.Json/13.0.1': { runtime: { 'lib/net6.0/Newtonsoft.Json.dll': { assemblyVersion: '13.0.0.0', fileVersion: '13.0.1.25517' } } },
      'SQLitePCLRaw.lib.e_sqlite3/2.1.6': { runtimeTargets: { 'runtimes/linux-x64/native/libe_sqlite3.so': { rid: 'linux-x64', assetType: 'native' } } },
      'System.Net.Http/4.3.0': { dependencies: { 'Microsoft.NETCore.Platforms': '1.1.0' } },
      'Microsoft.NETCore.Platforms/1.1.0': {},
    },
  },
  libraries: {
    'Shop/1.0.0': { type: 'project', serviceable: false, sha512: '' },
    'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.2': { type: 'runtimepack', serviceable: false, sha512: '' },
    'Newtonsoft.Json/13.0.1': { type: 'package', serviceable: true, sha512: 'sha512-x', path: 'newtonsoft.json/13.0.1', hashPath: 'newtonsoft.json.13.0.1.nupkg.sha512' },
    'SQLitePCLRaw.lib.e_sqlite3/2.1.6': { type: 'package', serviceable: true, sha512: 'sha512-y' },
    'System.Net.Http/4.3.0': { type: 'package', serviceable: true, sha512: 'sha512-z' },
    'Microsoft.NETCore.Platforms/1.1.0': { type: 'package', serviceable: true, sha512: 'sha512-w' },
  },
};

function purls(document: unknown): string[] {
  return dotnet.parse({ path: '/app/Shop.deps.json', content: Buffer.from(JSON.stringify(document)) }, { exists: () => false }).map((p) => p.purl).sort();
}

describe('.NET deps.json', () => {
  it('reports the runtime a self-contained app carries, and only packages that load at run time', () => {
    expect(purls(SELF_CONTAINED)).toEqual([
      'pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.2',
      'pkg:nuget/Newtonsoft.Json@13.0.1',
      'pkg:nuget/SQLitePCLRaw.lib.e_sqlite3@2.1.6',
    ]);
  });

  it('keeps every package when the runtime target is missing or does not list it', () => {
    // JSON.stringify leaves the undefined section out.
    expect(purls({ ...SELF_CONTAINED, targets: undefined })).toHaveLength(5);
    expect(purls({ ...SELF_CONTAINED, runtimeTarget: { name: '.NETCoreApp,Version=v9.0' } })).toHaveLength(5);
  });
});
