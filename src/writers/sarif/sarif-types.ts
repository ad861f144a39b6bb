/** The parts of SARIF 2.1.0 (OASIS) that Palisade writes. Names follow the specification. */

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
  readonly description?: SarifMessage;
}

export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn?: number;
}

export interface SarifPhysicalLocation {
  readonly artifactLocation: SarifArtifactLocation;
  readonly region?: SarifRegion;
}

export interface SarifLogicalLocation {
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly kind: string;
}

export interface SarifLocation {
  readonly physicalLocation?: SarifPhysicalLocation;
  readonly logicalLocations?: readonly SarifLogicalLocation[];
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly helpUri: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SarifSuppression {
  readonly kind: 'inSource' | 'external';
  readonly justification?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly kind: 'fail';
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: readonly SarifSuppression[];
  /** SARIF 2.1.0 §3.27.24: priority 0.0-100.0, higher first; absent means -1 (no value). */
  readonly rank?: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SarifNotification {
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly descriptor: { readonly id: string };
  readonly locations?: readonly SarifLocation[];
}

export interface SarifInvocation {
  readonly executionSuccessful: boolean;
  readonly endTimeUtc: string;
  readonly toolExecutionNotifications: readonly SarifNotification[];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version: string;
        readonly semanticVersion: string;
        readonly informationUri: string;
        readonly rules: readonly SarifReportingDescriptor[];
      };
    };
    readonly invocations: readonly SarifInvocation[];
    readonly originalUriBaseIds: Readonly<Record<string, { readonly description: SarifMessage }>>;
    readonly columnKind: 'utf16CodeUnits';
    readonly results: readonly SarifResult[];
    readonly properties: Readonly<Record<string, unknown>>;
  }[];
}
