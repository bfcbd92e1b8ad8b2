/** What a receiver shows of one video consumer, and what the SFU should forward for it. */
export interface ViewState {
  visible: boolean;
  height: number;
  isActiveSpeaker: boolean;
}

export type LayerDecision =
  { forward: false } | { forward: true; spatialLayer: number; temporalLayer: number };

/**
 * Forward only what is seen: hidden video is paused; the active speaker (or a big tile) gets the top
 * simulcast layer, mid-size tiles the middle one, thumbnails the lowest.
 */
export function decideLayers(view: ViewState, maxSpatialLayer: number): LayerDecision {
  if (!view.visible) return { forward: false };
  let spatialLayer: number;
  if (view.isActiveSpeaker || view.height >= 480) spatialLayer = 2;
  else if (view.height >= 240) spatialLayer = 1;
  else spatialLayer = 0;
  return { forward: true, spatialLayer: Math.min(spatialLayer, maxSpatialLayer), temporalLayer: 2 };
}
