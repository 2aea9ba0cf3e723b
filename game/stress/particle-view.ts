import { Application, Assets, Container, Graphics, Particle, ParticleContainer, Rectangle, TilingSprite, type Texture } from 'pixi.js';
import { WORLD_SIZE } from '../../harness/workloads.ts';
import critterUrl from '../../assets/critter.svg';
import floorUrl from '../../assets/floor.svg';

/** Where a particle waits until its thread first writes a position: outside the world, so it is not drawn. */
const NOWHERE = -10_000;

/**
 * Draws one sprite per thread with pixi v8's `ParticleContainer` (one draw call, positions uploaded each frame), over
 * the floor of the square world the workloads move in, scaled to fit its host element. It renders only when told
 * to (`draw`), after the frame's ticks, so rendering never runs while scripts do.
 *
 * @example
 * ```ts
 * const view = await ParticleView.create(document.querySelector('#stage')!);
 * view.setCount(100_000);
 * view.draw(positions); // each frame
 * ```
 */
export class ParticleView {
  private readonly world = new Container();
  private particles: Particle[] = [];
  private layer: ParticleContainer | null = null;
  private laidOut = { width: 0, height: 0 };

  private constructor(
    private readonly app: Application,
    private readonly critter: Texture,
  ) {}

  /** Starts a WebGL pixi application filling `host`. */
  static async create(host: HTMLElement): Promise<ParticleView> {
    const app = new Application();
    await app.init({ preference: 'webgl', resizeTo: host, background: '#070a12', autoStart: false, antialias: false });
    host.append(app.canvas);
    const [critter, floor] = await Promise.all([Assets.load<Texture>(critterUrl), Assets.load<Texture>(floorUrl)]);
    const view = new ParticleView(app, critter);
    view.world.addChild(new TilingSprite({ texture: floor, width: WORLD_SIZE, height: WORLD_SIZE }));
    view.world.addChild(new Graphics().rect(0, 0, WORLD_SIZE, WORLD_SIZE).stroke({ width: 2, color: 0x27e0d0, alpha: 0.35 }));
    app.stage.addChild(view.world);
    return view;
  }

  /** Makes one sprite per thread, sized so that `count` of them fill the world without blurring into a carpet. */
  setCount(count: number): void {
    this.layer?.destroy();
    const scale = Math.min(1, Math.max(0.2, (0.7 * Math.sqrt((WORLD_SIZE * WORLD_SIZE) / Math.max(1, count))) / 20));
    const options = { texture: this.critter, x: NOWHERE, y: NOWHERE, scaleX: scale, scaleY: scale, anchorX: 0.5, anchorY: 0.5 };
    this.particles = Array.from({ length: count }, () => new Particle(options));
    this.layer = new ParticleContainer({
      texture: this.critter,
      particles: this.particles,
      dynamicProperties: { position: true },
      boundsArea: new Rectangle(0, 0, WORLD_SIZE, WORLD_SIZE),
    });
    this.layer.update(); // particles passed in the options are not uploaded until the container is told
    this.world.addChild(this.layer);
  }

  /** Moves sprite i to (positions[2i], positions[2i+1]) (NaN: not written yet, stays hidden) and renders. */
  draw(positions: Float32Array): void {
    const particles = this.particles;
    for (let i = 0; i < particles.length; i++) {
      const x = positions[2 * i]!;
      if (Number.isNaN(x)) continue;
      const particle = particles[i]!;
      particle.x = x;
      particle.y = positions[2 * i + 1]!;
    }
    this.layout();
    this.app.render();
  }

  // The world is centred and scaled to fit the canvas, redone whenever the canvas was resized.
  private layout(): void {
    const { width, height } = this.app.screen;
    if (width === this.laidOut.width && height === this.laidOut.height) return;
    this.laidOut = { width, height };
    const scale = Math.min(width, height) / WORLD_SIZE;
    this.world.scale.set(scale);
    this.world.position.set((width - WORLD_SIZE * scale) / 2, (height - WORLD_SIZE * scale) / 2);
  }
}
