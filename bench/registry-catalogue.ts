/**
 * A realistic, reproducible catalogue of blueprints for the registry benchmark: names, titles, descriptions,
 * tags and usages drawn from an industrial and data-science vocabulary (pumps, compressors, HVAC, energy,
 * vibration, forecasting, anomaly detection, ...), with owners, popularity and ages. The same seed always gives
 * the same catalogue, so runs are comparable.
 */
import pumpFleet from '../docs/examples/pump-fleet.blueprint.json';

/** One blueprint to seed: its registry name, its document, and what the registry would have learnt of it. */
export interface CatalogueEntry {
  name: string;
  /** A valid blueprint v1 document (the pump-fleet example's graph under this entry's metadata). */
  document: Record<string, unknown>;
  /** Index into `owners`. */
  owner: number;
  useCount: number;
  downloadCount: number;
  /** How long ago it was first published, in days. */
  ageDays: number;
  deprecated: boolean;
}

/** A publisher: a display name and the slug its blueprint names start with. */
export interface CatalogueOwner {
  name: string;
  slug: string;
}

/** The catalogue: owners, then entries with distinct names. */
export interface Catalogue {
  owners: CatalogueOwner[];
  entries: CatalogueEntry[];
}

type Usage = 'monitor' | 'predict' | 'simulate' | 'diagnose' | 'optimise';

/** Assets: slug for names, the words a title uses, and tags. */
const ASSETS: [slug: string, title: string, tags: string[]][] = [
  ['pump', 'centrifugal pump', ['pumps']],
  ['booster-pump', 'booster pump', ['pumps', 'water']],
  ['compressor', 'air compressor', ['compressors', 'compressed-air']],
  ['screw-compressor', 'screw compressor', ['compressors']],
  ['chiller', 'chiller', ['hvac', 'chillers']],
  ['boiler', 'steam boiler', ['boilers', 'steam']],
  ['ahu', 'air handling unit', ['hvac', 'buildings']],
  ['hvac', 'HVAC system', ['hvac', 'buildings']],
  ['cooling-tower', 'cooling tower', ['hvac', 'water']],
  ['heat-pump', 'heat pump', ['hvac', 'heat-pumps']],
  ['wind-turbine', 'wind turbine', ['renewables', 'wind']],
  ['gas-turbine', 'gas turbine', ['turbines', 'power-generation']],
  ['solar', 'solar inverter', ['renewables', 'solar']],
  ['battery', 'battery storage system', ['batteries', 'energy-storage']],
  ['transformer', 'power transformer', ['grid', 'transformers']],
  ['motor', 'electric motor', ['motors']],
  ['gearbox', 'gearbox', ['gearboxes', 'rotating-equipment']],
  ['conveyor', 'conveyor belt', ['conveyors', 'logistics']],
  ['cnc', 'CNC machine', ['machining', 'manufacturing']],
  ['spindle', 'machine spindle', ['machining', 'bearings']],
  ['moulding', 'injection moulding press', ['plastics', 'manufacturing']],
  ['extruder', 'extruder', ['plastics', 'manufacturing']],
  ['kiln', 'rotary kiln', ['cement', 'process-industry']],
  ['furnace', 'industrial furnace', ['heat-treatment', 'process-industry']],
  ['robot', 'robot arm', ['robotics', 'manufacturing']],
  ['packaging', 'packaging line', ['packaging', 'food-and-beverage']],
  ['valve', 'control valve', ['valves', 'process-industry']],
  ['fan', 'industrial fan', ['fans', 'rotating-equipment']],
  ['heat-exchanger', 'heat exchanger', ['heat-exchangers', 'process-industry']],
  ['elevator', 'elevator', ['elevators', 'buildings']],
  ['forklift', 'forklift', ['fleet', 'logistics']],
  ['cold-room', 'cold room', ['refrigeration', 'food-and-beverage']],
  ['water-network', 'water distribution network', ['water', 'utilities']],
  ['wastewater', 'wastewater treatment plant', ['water', 'utilities']],
  ['crac', 'data centre CRAC unit', ['data-centres', 'hvac']],
  ['ev-charger', 'EV charging station', ['ev-charging', 'energy']],
  ['smart-meter', 'smart meter', ['metering', 'energy']],
  ['greenhouse', 'greenhouse', ['agriculture', 'hvac']],
  ['mixer', 'industrial mixer', ['process-industry', 'pharma']],
  ['centrifuge', 'centrifuge', ['pharma', 'rotating-equipment']],
  ['bearing', 'rolling bearing', ['bearings', 'rotating-equipment']],
  ['substation', 'electrical substation', ['grid', 'utilities']],
];

/** Analyses: slug, title words, tags and the usages they serve. */
const ANALYSES: [slug: string, title: string, tags: string[], usages: Usage[]][] = [
  ['vibration', 'vibration monitoring', ['vibration', 'condition-monitoring'], ['monitor']],
  ['anomaly', 'anomaly detection', ['anomaly-detection', 'ml'], ['monitor', 'diagnose']],
  ['rul', 'remaining useful life', ['predictive-maintenance', 'ml'], ['predict']],
  [
    'maintenance',
    'predictive maintenance',
    ['predictive-maintenance', 'maintenance'],
    ['predict', 'monitor'],
  ],
  ['energy-forecast', 'energy forecasting', ['energy', 'forecasting'], ['predict']],
  ['load-forecast', 'load forecasting', ['forecasting', 'energy'], ['predict']],
  ['fault-diagnosis', 'fault diagnosis', ['diagnostics', 'reliability'], ['diagnose']],
  ['root-cause', 'root cause analysis', ['diagnostics', 'quality'], ['diagnose']],
  ['setpoint', 'setpoint optimisation', ['optimisation', 'energy'], ['optimise']],
  ['efficiency', 'efficiency tracking', ['efficiency', 'energy'], ['monitor', 'optimise']],
  ['what-if', 'what-if simulation', ['simulation'], ['simulate']],
  ['oee', 'OEE dashboard', ['oee', 'manufacturing'], ['monitor']],
  ['leak', 'leak detection', ['leak-detection', 'anomaly-detection'], ['diagnose', 'monitor']],
  ['temperature', 'temperature monitoring', ['temperature', 'condition-monitoring'], ['monitor']],
  ['pressure', 'pressure monitoring', ['pressure', 'condition-monitoring'], ['monitor']],
  ['power-quality', 'power quality analysis', ['power-quality', 'energy'], ['monitor', 'diagnose']],
  ['downtime', 'downtime analysis', ['downtime', 'reliability'], ['diagnose']],
  ['demand-forecast', 'demand forecasting', ['forecasting', 'time-series'], ['predict']],
  ['carbon', 'carbon emissions tracking', ['sustainability', 'energy'], ['monitor', 'optimise']],
  ['twin', 'digital twin', ['simulation', 'digital-twin'], ['simulate', 'monitor']],
  ['quality', 'quality prediction', ['quality', 'ml'], ['predict']],
  ['scheduling', 'schedule optimisation', ['optimisation', 'scheduling'], ['optimise']],
  ['degradation', 'degradation modelling', ['reliability', 'time-series'], ['predict', 'simulate']],
  ['cavitation', 'cavitation detection', ['vibration', 'anomaly-detection'], ['diagnose']],
  ['thermal', 'thermal performance', ['temperature', 'efficiency'], ['monitor', 'optimise']],
];

const PLACES = [
  'fleet',
  'plant',
  'site',
  'line',
  'building',
  'campus',
  'farm',
  'station',
  'depot',
  'factory',
];
const DOMAINS = [
  'manufacturing',
  'utilities',
  'commercial buildings',
  'energy',
  'logistics',
  'food and beverage',
  'pharmaceuticals',
  'mining',
  'oil and gas',
  'agriculture',
  'data centres',
  'water treatment',
];
const MEASURES = [
  'vibration RMS',
  'bearing temperature',
  'motor current',
  'discharge pressure',
  'flow rate',
  'power draw',
  'supply air temperature',
  'relative humidity',
  'CO2 concentration',
  'energy consumption in kWh',
  'rotor speed',
  'shaft torque',
  'oil particle count',
  'acoustic emission',
  'state of charge',
  'solar irradiance',
  'outdoor temperature',
  'valve position',
];
const SOURCES = [
  'their own Postgres tables through change data capture',
  'MQTT sensors',
  'a CSV export from the historian',
  'an OPC UA gateway',
  'the SCADA historian',
  'an HTTP API',
];
const MODELS = [
  'gradient-boosted trees',
  'isolation forest',
  'LSTM',
  'autoencoder',
  'random forest',
  'ARIMA',
  'Prophet',
  'Kalman filter',
  'physics-informed',
  'Bayesian regression',
  'XGBoost',
  'survival analysis',
];
const OUTCOMES = [
  'flags drift before it becomes a failure',
  'ranks assets by risk so maintenance visits the worst first',
  'shows the hours of useful life left on each unit',
  'forecasts the next 48 hours with confidence bands',
  'suggests setpoints that cut energy use without breaking comfort limits',
  'explains which inputs drive each alert',
  'lets operators try what-if scenarios before changing the plant',
  'tracks kWh per unit produced against a baseline',
  'raises an alarm when readings leave the learnt envelope',
];
const EXTRA_TAGS = [
  'iot',
  'time-series',
  'scada',
  'opc-ua',
  'mqtt',
  'edge',
  'onnx',
  'kpi',
  'sme',
  'retrofit',
  'open-data',
  'alarms',
];
const COMPANIES = [
  'acme',
  'northwind',
  'contoso',
  'fabrikam',
  'globex',
  'initech',
  'umbrella',
  'tyrell',
  'cyberdyne',
  'hooli',
  'vandelay',
  'wonka',
  'soylent',
  'aperture',
  'stark',
];
// Publisher names stay clear of the search vocabulary: a prolific "Acme Energy" would otherwise put "energy" into
// the name of a quarter of the catalogue.
const COMPANY_KINDS = ['labs', 'industries', 'systems', 'works', 'group', 'tech', 'automation'];

/** The search terms the benchmark rotates through: whole words, prefixes as typed, two-word searches, a miss. */
export const SEARCH_TERMS: readonly string[] = [
  'pump',
  'pum',
  'compressor',
  'comp',
  'hvac',
  'vibration',
  'vib',
  'anomaly',
  'anomaly detection',
  'forecasting',
  'forecast',
  'energy',
  'ener',
  'chiller',
  'turbine',
  'wind turbine',
  'bearing temperature',
  'predictive maintenance',
  'remaining useful life',
  'leak',
  'oee',
  'solar',
  'batt',
  'cooling tower',
  'optimisation',
  'root cause',
  'heat pump',
  'pressure monitoring',
  'kiln',
  'pumping',
  'digital twin',
  'zeppelin',
];

/** mulberry32: a small, fast, seedable PRNG (enough for test data, not for anything secret). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Generates `count` blueprints with distinct names, owned by a few dozen publishers, with long-tailed
 * popularity (most entries are rarely used, a few are very popular) and about 2% deprecated.
 * @example const { owners, entries } = generateCatalogue(10_000); entries[0].document.title
 */
export function generateCatalogue(count: number, seed = 20_240_611): Catalogue {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const owners: CatalogueOwner[] = [];
  const ownerSlugs = new Set<string>();
  while (owners.length < 60) {
    const slug = `${pick(COMPANIES)}-${pick(COMPANY_KINDS)}`;
    if (ownerSlugs.has(slug)) continue;
    ownerSlugs.add(slug);
    owners.push({ slug, name: slug.split('-').map(capitalise).join(' ') });
  }

  const names = new Set<string>();
  const entries: CatalogueEntry[] = [];
  for (let i = 0; i < count; i++) {
    const owner = Math.floor(random() ** 2 * owners.length); // a few prolific publishers
    const [assetSlug, asset, assetTags] = pick(ASSETS);
    const [analysisSlug, analysis, analysisTags, analysisUsages] = pick(ANALYSES);
    const place = pick(PLACES);
    const domain = pick(DOMAINS);
    const base = `${owners[owner].slug}-${assetSlug}-${analysisSlug}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);

    const titles = [
      `${capitalise(asset)} ${analysis}`,
      `${capitalise(asset)} ${place} ${analysis}`,
      `${capitalise(analysis)} for ${asset}s`,
      `${capitalise(domain)}: ${asset} ${analysis}`,
    ];
    const [m1, m2] = [pick(MEASURES), pick(MEASURES)];
    const sentences = [
      `${capitalise(analysis)} for the ${asset}s of a ${place} in ${domain}.`,
      `Streams ${m1} and ${m2} from ${pick(SOURCES)}, scores them with a ${pick(MODELS)} model and ${pick(OUTCOMES)}.`,
    ];
    if (random() < 0.5) sentences.push(`Bind your own ${asset} telemetry and ${pick(OUTCOMES)}.`);
    const tags = new Set([...assetTags, ...analysisTags]);
    while (random() < 0.5 && tags.size < 8) tags.add(pick(EXTRA_TAGS));
    const usages = new Set<Usage>(analysisUsages);
    if (random() < 0.3) usages.add(pick(['monitor', 'predict', 'simulate', 'diagnose', 'optimise'] as const));

    const popularity = random() ** 6; // long tail
    entries.push({
      name,
      owner,
      document: {
        ...structuredClone(pumpFleet),
        name,
        version: `${1 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}.${Math.floor(random() * 5)}`,
        title: pick(titles),
        description: sentences.join(' '),
        tags: [...tags],
        usages: [...usages],
      },
      useCount: Math.floor(popularity * 5_000),
      downloadCount: Math.floor(popularity * 20_000 + random() * 50),
      ageDays: Math.floor(random() * 730),
      deprecated: random() < 0.02,
    });
  }
  return { owners, entries };
}
