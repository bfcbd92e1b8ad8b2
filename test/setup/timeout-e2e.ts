// End-to-end tests start processes, mediasoup workers and Chromium.
jest.setTimeout(180_000);
