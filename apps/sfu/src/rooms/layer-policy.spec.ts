import { decideLayers } from './layer-policy';

describe('decideLayers', () => {
  it('pauses video the receiver does not show', () => {
    expect(decideLayers({ visible: false, height: 720, isActiveSpeaker: true }, 2)).toEqual({
      forward: false,
    });
  });

  it('gives the active speaker the top layer even in a small tile', () => {
    expect(decideLayers({ visible: true, height: 90, isActiveSpeaker: true }, 2)).toMatchObject({
      spatialLayer: 2,
    });
  });

  it('maps tile height to a layer', () => {
    expect(decideLayers({ visible: true, height: 720, isActiveSpeaker: false }, 2)).toMatchObject({
      spatialLayer: 2,
    });
    expect(decideLayers({ visible: true, height: 300, isActiveSpeaker: false }, 2)).toMatchObject({
      spatialLayer: 1,
    });
    expect(decideLayers({ visible: true, height: 120, isActiveSpeaker: false }, 2)).toMatchObject({
      spatialLayer: 0,
    });
  });

  it('never asks for a layer the producer does not send', () => {
    expect(decideLayers({ visible: true, height: 720, isActiveSpeaker: false }, 0)).toMatchObject({
      spatialLayer: 0,
    });
  });
});
