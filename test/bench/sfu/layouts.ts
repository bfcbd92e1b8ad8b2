import type { Layout, ParticipantRole, TileView } from './bench-room';

const LARGE: TileView = { visible: true, width: 1280, height: 720 };
const THUMBNAIL: TileView = { visible: true, width: 320, height: 180 };

/**
 * The web client's speaker view on a laptop: the active speaker fills the stage and the other
 * participants are thumbnails. The speaker's own screen puts the patient on the stage.
 */
export const SPEAKER_VIEW: Layout = {
  tile(viewer: ParticipantRole, shown: ParticipantRole, speaker: ParticipantRole): TileView {
    const onStage = viewer === speaker ? 'patient' : speaker;
    return shown === onStage ? LARGE : THUMBNAIL;
  },
};
