import { decideLayers } from '../../../apps/sfu/src/rooms/layer-policy';
import { MEDIA_CODECS } from '../../../apps/sfu/src/media/media-codecs';
import type { BenchPart } from '../part';
import type { Figure } from '../results';
import type { PolicyUnderTest } from './bench-room';
import { CapacityOptions, CapacityResult, measureCapacity } from './capacity';
import { SPEAKER_VIEW } from './layouts';

/** (a) what an SFU does with no layer policy: every consumer on the top layer, no DTX. */
const NAIVE: PolicyUnderTest = {
  name: 'naive',
  dtx: false,
  layerFor: () => ({ paused: false, spatialLayer: 2, temporalLayer: 2 }),
};

/** (b) the product's own policy (apps/sfu layer-policy.ts) with Opus DTX on, as the SFU negotiates it. */
const PRODUCT: PolicyUnderTest = {
  name: 'product',
  dtx: true,
  layerFor: (tile, isActiveSpeaker) => {
    const decision = decideLayers({ visible: tile.visible, height: tile.height, isActiveSpeaker }, 2);
    return decision.forward
      ? { paused: false, spatialLayer: decision.spatialLayer, temporalLayer: decision.temporalLayer }
      : { paused: true };
  },
};

const OPTIONS: Omit<CapacityOptions, 'log'> = {
  mediaCodecs: MEDIA_CODECS,
  layout: SPEAKER_VIEW,
  roomsPerStep: 4,
  maxRooms: 80,
  warmupMs: 2_500,
  measureMs: 5_000,
  budgetMs: 120_000,
  cpuLimitPercent: 80,
  lossLimitPercent: 1,
  generatorLimitPercent: 90,
};

/** The real WebRTC receivers of the last step: frames decoded > 0 proves the forwarded video decodes. */
function decodeFigures(result: CapacityResult, name: string, part: string): Figure[] {
  const decoding = result.decoding;
  if (!decoding) return [];
  const reference = `real libwebrtc receiver (@roamhq/wrtc) at ${decoding.rooms} rooms; must decode (frames > 0)`;
  if (decoding.error || !decoding.reports.length)
    return [
      {
        part,
        name: `${name}: WebRTC receivers decode`,
        value: decoding.error ?? 'no receiver',
        unit: '',
        reference,
        meetsTarget: false,
      },
    ];
  return decoding.reports.map((r) => ({
    part,
    name: `${name}: WebRTC receiver, ${r.label}`,
    value: `${r.framesDecoded} frames decoded, ${r.width}×${r.height} at ${r.fps.toFixed(1)} fps`,
    unit: '',
    reference,
    meetsTarget: r.framesDecoded > 0 && r.fps > 0,
  }));
}

function figuresFor(result: CapacityResult, part: string): Figure[] {
  const name = result.policy === 'naive' ? '(a) naive' : '(b) product policy';
  return [...stepFigures(result, name, part), ...decodeFigures(result, name, part)];
}

function stepFigures(result: CapacityResult, name: string, part: string): Figure[] {
  const s = result.sustained;
  if (!s)
    return [
      {
        part,
        name: `${name}: rooms per worker core`,
        value: 0,
        unit: 'rooms',
        reference: result.stoppedBecause,
      },
    ];
  return [
    {
      part,
      name: `${name}: rooms per worker core`,
      value: s.rooms,
      unit: 'rooms',
      reference: `mediasoup guidance ≈ 20 rooms (500 consumers); ${result.policy === 'product' ? 'target ≥ 30' : 'baseline'}; stopped: ${result.stoppedBecause}`,
      meetsTarget: result.policy === 'product' ? s.rooms >= 30 : undefined,
    },
    {
      part,
      name: `${name}: rooms at 80% of the worker core, extrapolated`,
      value: Math.floor((s.rooms * 80) / Math.max(s.workerCpuPercent, 0.1)),
      unit: 'rooms',
      reference: `linear from ${s.workerCpuPercent.toFixed(1)}% at ${s.rooms} rooms; informative when a limit other than CPU stopped the run`,
    },
    {
      part,
      name: `${name}: consumers per worker core`,
      value: s.consumers,
      unit: 'consumers',
      reference: 'mediasoup guidance ≈ 500',
    },
    {
      part,
      name: `${name}: worker CPU per consumer`,
      value: s.workerCpuPercent / s.consumers,
      unit: '% of a core',
      reference: `at ${s.rooms} rooms, worker ${s.workerCpuPercent.toFixed(1)}%`,
    },
    {
      part,
      name: `${name}: forwarded bitrate`,
      value: s.forwardedMbps,
      unit: 'Mbit/s',
      reference: `at ${s.rooms} rooms, loss ${s.lossPercent.toFixed(2)}%`,
    },
    {
      part,
      name: `${name}: load generator CPU`,
      value: s.generatorCpuPercent,
      unit: '% of a core',
      reference: 'must stay well under 100% (not the bottleneck)',
    },
  ];
}

export const SFU_CAPACITY: BenchPart = {
  name: 'sfu-capacity',
  description:
    'rooms of 4 (3-layer simulcast VP8 + Opus) on one mediasoup worker: naive vs the product layer policy',
  async run(log) {
    const naive = await measureCapacity(NAIVE, { ...OPTIONS, log });
    const product = await measureCapacity(PRODUCT, { ...OPTIONS, log });
    const figures = [...figuresFor(naive, 'sfu-capacity'), ...figuresFor(product, 'sfu-capacity')];
    const a = naive.sustained;
    const b = product.sustained;
    if (a && b) {
      figures.push({
        part: 'sfu-capacity',
        name: 'ratio (b)/(a): rooms per core',
        value: b.rooms / a.rooms,
        unit: '×',
        reference: 'higher is better',
      });
      figures.push({
        part: 'sfu-capacity',
        name: 'ratio (b)/(a): forwarded bitrate per room',
        value: b.forwardedMbps / b.rooms / (a.forwardedMbps / a.rooms),
        unit: '×',
        reference: 'lower is better (only what someone sees is forwarded)',
      });
    }
    return {
      figures,
      details: { naive, product, layout: 'speaker view: active speaker 1280×720, others 320×180 thumbnails' },
    };
  },
};
